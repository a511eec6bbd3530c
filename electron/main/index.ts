/** Strongroom's main process: the composition root wiring Electron to the router and the vault core. */
import path from 'node:path';
import { app, BrowserWindow, powerMonitor, protocol, session, type Session } from 'electron';
import { createRouter } from '../core/api/router';
import { Workstation } from '../core/api/workstation';
import { CJK_FONT } from '../core/ledger/font';
import { sealWorkerScript } from '../core/cases/seal-pool';
import { chooseArchive } from './choose-archive';
import { copyForAWhile } from './clipboard';
import { dialOnSoftphone } from './dialer';
import { defaultEnv } from '../core/vault/env';
import { APP_ENTRY_URL, APP_SCHEME, devServerUrl } from './app-origin';
import { cliArguments, runCliAndExit } from './cli-dispatch';
import { createAppHandler, registerAppScheme } from './app-protocol';
import { fileDataDirStore } from './data-dir-store';
import { bindIpc } from './ipc/bind-ipc';
import { startIdleWatch } from './idle-watch';
import { bindPowerLock, bindWindowSessionEnd } from './power-lock';
import { endSessionBeforeQuit } from './quit-guard';
import { rendererEmitter } from './renderer-events';
import { lockDownSession } from './session-guard';
import { guardWebContents } from './web-contents-guard';
import { createMainWindow } from './window';

// Built layout (electron-vite): out/main/index.js, out/preload/index.js, out/renderer/.
const PRELOAD = path.join(__dirname, '../preload/index.js');
const RENDERER_ROOT = path.join(__dirname, '../renderer');

const dev = devServerUrl(app.isPackaged, process.env);

const cliArgs = cliArguments(process.argv, app.isPackaged);

if (cliArgs) {
  runCliAndExit(app, cliArgs);
} else {
  // Both must happen before `ready`.
  registerAppScheme(protocol);
  app.enableSandbox();
  if (app.requestSingleInstanceLock()) {
    start();
  } else {
    // Two processes on one vault would mean two sessions and two database handles.
    app.quit();
  }
}

function start(): void {
  let win: BrowserWindow | null = null;
  const ws = new Workstation(fileDataDirStore(app.getPath('userData')), defaultEnv, {
    fontPath: path.join(app.getAppPath(), CJK_FONT),
    sealWorker: sealWorkerScript(app.getAppPath()),
    chooseArchive: () => chooseArchive(win),
    copyToClipboard: copyForAWhile,
    dial: dialOnSoftphone,
  });
  const emit = rendererEmitter(() => win?.webContents ?? null);

  const locked = new WeakSet<Session>();
  const lockDown = (ses: Session): void => {
    if (locked.has(ses)) return;
    locked.add(ses);
    lockDownSession(ses, dev);
  };
  app.on('session-created', lockDown);
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  // Even on macOS: a vault should not stay unlocked in a process with no window.
  app.on('window-all-closed', () => app.quit());
  endSessionBeforeQuit(app, ws);

  app
    .whenReady()
    .then(() => {
      lockDown(session.defaultSession);
      protocol.handle(APP_SCHEME, createAppHandler(RENDERER_ROOT));
      const router = createRouter(ws, emit);
      bindIpc(router, { windowContents: () => (win && !win.isDestroyed() ? win.webContents : null), dev });
      bindPowerLock(powerMonitor, ws, emit);
      const idleWatch = startIdleWatch(powerMonitor, ws, emit);
      // 'will-quit' rather than 'before-quit': a quit that is held back (quit-guard) or
      // cancelled must not leave a signed-in session without its idle lock.
      app.on('will-quit', () => idleWatch.stop());
      win = createMainWindow(
        BrowserWindow,
        { preload: PRELOAD, isPackaged: app.isPackaged },
        dev ? dev.href : APP_ENTRY_URL,
      );
      bindWindowSessionEnd(win, ws, emit);
      win.on('closed', () => {
        win = null;
      });
    })
    .catch((err: unknown) => {
      process.emitWarning(`Strongroom failed to start: ${String(err)}`);
      app.exit(1);
    });
}
