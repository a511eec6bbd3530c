/** The application window is created with hardened web preferences and loads only the URL it is given. */
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { createMainWindow } from '../../electron/main/window';

const PRELOAD = '/app/out/preload/index.js';
const URL = 'app://strongroom/index.html';

class FakeWindow extends EventEmitter {
  static created: BrowserWindowConstructorOptions[] = [];
  loadURL = vi.fn(() => Promise.resolve());
  show = vi.fn();
  constructor(options: BrowserWindowConstructorOptions) {
    super();
    FakeWindow.created.push(options);
  }
}

function open(isPackaged: boolean) {
  FakeWindow.created = [];
  const win = createMainWindow(
    FakeWindow as unknown as new (o: BrowserWindowConstructorOptions) => BrowserWindow,
    { preload: PRELOAD, isPackaged },
    URL,
  );
  const options = FakeWindow.created[0];
  if (!options) throw new Error('no window');
  return { win: win as unknown as FakeWindow, options, prefs: options.webPreferences ?? {} };
}

describe('main window', () => {
  it('isolates and sandboxes the renderer with no Node and full web security', () => {
    const { prefs } = open(true);
    expect(prefs).toMatchObject({
      preload: PRELOAD,
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
    });
    expect(prefs.enableBlinkFeatures).toBeUndefined();
    expect(prefs.additionalArguments).toBeUndefined();
    expect(prefs.partition).toBeUndefined();
  });

  it('allows DevTools only in an unpackaged build', () => {
    expect(open(true).prefs.devTools).toBe(false);
    expect(open(false).prefs.devTools).toBe(true);
  });

  it('creates one window, hidden until ready, and loads the given URL', () => {
    const { win, options } = open(true);
    expect(FakeWindow.created).toHaveLength(1);
    expect(options.show).toBe(false);
    expect(win.loadURL).toHaveBeenCalledWith(URL);
    expect(win.show).not.toHaveBeenCalled();
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalledTimes(1);
  });
});
