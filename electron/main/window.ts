/** The one application window, hardened (security-model.md, "The renderer"). */
import type { BrowserWindow as ElectronWindow, BrowserWindowConstructorOptions } from 'electron';

export interface WindowOptionsInput {
  preload: string;
  isPackaged: boolean;
}

type WindowCtor = new (options: BrowserWindowConstructorOptions) => ElectronWindow;

/**
 * The options stay one literal inside `new BrowserWindow({...})` on purpose: that is the shape
 * Electronegativity (`npm run security:scan`) can read, so a weakened preference fails the scan
 * as well as tests/security/window-hardening.test.ts.
 */
export function createMainWindow(
  BrowserWindow: WindowCtor,
  { preload, isPackaged }: WindowOptionsInput,
  url: string,
): ElectronWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    title: 'Strongroom',
    // Shown on ready-to-show so the user never sees a blank frame.
    show: false,
    autoHideMenuBar: true,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      enableWebSQL: false,
      // Middle-click (auxclick) is one more way to start a navigation; nothing here needs it.
      disableBlinkFeatures: 'Auxclick',
      // DevTools can read every unmasked value on screen; only unpackaged (developer) builds get them.
      devTools: !isPackaged,
    },
  });
  win.once('ready-to-show', () => win.show());
  // A failed load leaves a blank window; say why on stderr instead of an unhandled rejection.
  win.loadURL(url).catch((err: unknown) => process.emitWarning(`window failed to load ${url}: ${String(err)}`));
  return win;
}
