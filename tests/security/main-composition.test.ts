/**
 * electron/main/index.ts wires every guard: loaded against a fake `electron` module, the app
 * registers its scheme before ready, locks the session down, hardens the window, guards all
 * web contents, routes IPC through the sender check, locks on OS power events and on idleness.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../shared/ipc-names';
import { ADMIN, tempDir } from '../fixtures/vault';
import { fakeEvent, fakeSession, FakeWebContents } from './fake-electron';

type Listener = (...args: unknown[]) => void;

/** A minimal event emitter the fakes share (vi.hoisted cannot import node:events). */
class Emitter {
  private listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    const wrapped: Listener = (...args) => {
      this.listeners.set(
        event,
        (this.listeners.get(event) ?? []).filter((l) => l !== wrapped),
      );
      listener(...args);
    };
    return this.on(event, wrapped);
  }
  emit(event: string, ...args: unknown[]): boolean {
    const list = this.listeners.get(event) ?? [];
    for (const listener of list) listener(...args);
    return list.length > 0;
  }
}

interface Fake {
  ready: boolean;
  readyGate: { resolve: () => void; promise: Promise<void> };
  userData: string;
  isPackaged: boolean;
  lock: boolean;
  app: ReturnType<typeof makeApp>;
  windows: FakeWindow[];
  sessionFake: ReturnType<typeof fakeSession>;
  protocol: { registerSchemesAsPrivileged: ReturnType<typeof vi.fn>; handle: ReturnType<typeof vi.fn> };
  ipcMain: { handle: ReturnType<typeof vi.fn> };
  powerMonitor: Emitter & { getSystemIdleTime: ReturnType<typeof vi.fn> };
  calls: string[];
}

class FakeWindow extends Emitter {
  static created: FakeWindow[] = [];
  readonly webContents = new FakeWebContents('about:blank');
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn();
  constructor(readonly options: { webPreferences: Record<string, unknown> }) {
    super();
    FakeWindow.created.push(this);
  }
  loadURL = vi.fn((url: string) => {
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  });
  isDestroyed = () => false;
  isMinimized = () => false;
}

const fake = vi.hoisted(() => ({ current: null as unknown as Fake }));

vi.mock('electron', () => ({
  get app() {
    return fake.current.app;
  },
  get protocol() {
    return fake.current.protocol;
  },
  get ipcMain() {
    return fake.current.ipcMain;
  },
  get powerMonitor() {
    return fake.current.powerMonitor;
  },
  get session() {
    return { defaultSession: fake.current.sessionFake.ses };
  },
  BrowserWindow: FakeWindow,
}));

function makeApp(
  userData: string,
  options: { isPackaged?: boolean; lock?: boolean },
  calls: string[],
  ready: Promise<void>,
) {
  return Object.assign(new Emitter(), {
    isPackaged: options.isPackaged ?? false,
    enableSandbox: vi.fn(() => calls.push('enableSandbox')),
    requestSingleInstanceLock: vi.fn(() => options.lock ?? true),
    quit: vi.fn(),
    exit: vi.fn(),
    getPath: vi.fn((name: string) => (name === 'userData' ? userData : `/unused/${name}`)),
    getAppPath: vi.fn(() => path.resolve(__dirname, '../..')),
    whenReady: () => ready,
  });
}

function makeFake(userData: string, options: { isPackaged?: boolean; lock?: boolean } = {}): Fake {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  const calls: string[] = [];
  const app = makeApp(userData, options, calls, promise);
  const f: Fake = {
    ready: false,
    readyGate: { resolve: () => resolve(), promise },
    userData,
    isPackaged: app.isPackaged,
    lock: options.lock ?? true,
    app,
    windows: FakeWindow.created,
    sessionFake: fakeSession(),
    protocol: {
      registerSchemesAsPrivileged: vi.fn(() => calls.push(f.ready ? 'scheme-after-ready' : 'scheme-before-ready')),
      handle: vi.fn(),
    },
    ipcMain: { handle: vi.fn() },
    // Whole seconds since the OS last saw input; by default, input just now.
    powerMonitor: Object.assign(new Emitter(), { getSystemIdleTime: vi.fn(() => 0) }),
    calls,
  };
  return f;
}

let dir: { dir: string; cleanup: () => Promise<void> };

async function boot(
  options: { isPackaged?: boolean; lock?: boolean; env?: Record<string, string>; args?: string[] } = {},
) {
  fake.current = makeFake(dir.dir, options);
  // How the app was launched: by default with no arguments (a desktop start).
  const savedArgv = process.argv;
  process.argv = [
    ...(options.isPackaged ? ['/opt/Strongroom/strongroom'] : ['electron', '.']),
    ...(options.args ?? []),
  ];
  FakeWindow.created.length = 0;
  vi.resetModules();
  const saved = process.env['ELECTRON_RENDERER_URL'];
  if (options.env?.['ELECTRON_RENDERER_URL'])
    process.env['ELECTRON_RENDERER_URL'] = options.env['ELECTRON_RENDERER_URL'];
  else delete process.env['ELECTRON_RENDERER_URL'];
  try {
    await import('../../electron/main/index');
  } finally {
    process.argv = savedArgv;
    if (saved === undefined) delete process.env['ELECTRON_RENDERER_URL'];
    else process.env['ELECTRON_RENDERER_URL'] = saved;
  }
  return fake.current;
}

async function becomeReady(f: Fake): Promise<FakeWindow> {
  f.ready = true;
  f.readyGate.resolve();
  await f.readyGate.promise;
  await new Promise((r) => setImmediate(r));
  const win = FakeWindow.created[0];
  if (!win) throw new Error('no window was created');
  return win;
}

function invokeHandler(f: Fake) {
  const call = f.ipcMain.handle.mock.calls.find(([channel]) => channel === IPC_INVOKE_CHANNEL);
  if (!call) throw new Error('no invoke handler');
  return call[1] as (event: unknown, message: unknown) => Promise<{ ok: boolean; value?: unknown; key?: string }>;
}

/** Creates a vault from the window and signs the admin in; returns the window's caller. */
async function signIn(f: Fake, win: FakeWindow) {
  const handle = invokeHandler(f);
  const fromWindow = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
  const call = (name: string, input: unknown = {}) => handle(fromWindow, { name, input });
  expect(
    await call('vault.create', {
      dataDir: path.join(dir.dir, 'vault'),
      username: ADMIN.username,
      password: ADMIN.password,
    }),
  ).toMatchObject({ ok: true });
  expect(await call('session.login', ADMIN)).toMatchObject({ ok: true });
  return call;
}

const lockedMessage = { event: 'session.ended', payload: { reason: 'locked' } };

beforeEach(async () => {
  dir = await tempDir('strongroom-main-');
});
afterEach(() => dir.cleanup());

describe('main process composition', () => {
  it('registers the app scheme and enables the sandbox before ready, and opens no window until then', async () => {
    const f = await boot();
    expect(f.calls).toEqual(['scheme-before-ready', 'enableSandbox']);
    expect(f.protocol.registerSchemesAsPrivileged.mock.calls[0]?.[0]).toMatchObject([
      { scheme: 'app', privileges: { standard: true, secure: true } },
    ]);
    expect(FakeWindow.created).toHaveLength(0);
  });

  it('quits at once when another instance holds the lock', async () => {
    const f = await boot({ lock: false });
    expect(f.app.quit).toHaveBeenCalled();
    f.readyGate.resolve();
    await new Promise((r) => setImmediate(r));
    expect(FakeWindow.created).toHaveLength(0);
    expect(f.ipcMain.handle).not.toHaveBeenCalled();
  });

  it('opens one hardened window on app://strongroom with the built preload', async () => {
    const f = await boot({ isPackaged: true, env: { ELECTRON_RENDERER_URL: 'http://localhost:5173/' } });
    const win = await becomeReady(f);
    expect(FakeWindow.created).toHaveLength(1);
    expect(win.loadURL).toHaveBeenCalledWith('app://strongroom/index.html');
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools: false,
    });
    expect(String(win.options.webPreferences['preload']).endsWith(path.join('preload', 'index.js'))).toBe(true);
  });

  it('loads the dev server only when unpackaged', async () => {
    const f = await boot({ isPackaged: false, env: { ELECTRON_RENDERER_URL: 'http://localhost:5173/' } });
    const win = await becomeReady(f);
    expect(win.loadURL).toHaveBeenCalledWith('http://localhost:5173/');
    expect(win.options.webPreferences['devTools']).toBe(true);
  });

  it('serves the renderer through the guarded protocol handler', async () => {
    const f = await boot();
    await becomeReady(f);
    expect(f.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    const handler = f.protocol.handle.mock.calls[0]?.[1] as (r: { url: string; method: string }) => Promise<Response>;
    const res = await handler({ url: 'app://strongroom/..%2f..%2fpackage.json', method: 'GET' });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('locks down the default session (permissions and network)', async () => {
    const f = await boot({ isPackaged: true });
    await becomeReady(f);
    let granted: boolean | undefined;
    f.sessionFake.captured.permissionRequest?.({}, 'media', (g) => void (granted = g), {});
    expect(granted).toBe(false);
    expect(f.sessionFake.allows('https://example.com/')).toBe(false);
    expect(f.sessionFake.allows('app://strongroom/index.html')).toBe(true);
  });

  it('guards every web contents the app creates', async () => {
    const f = await boot();
    const contents = new FakeWebContents();
    f.app.emit('web-contents-created', fakeEvent(), contents);
    const nav = fakeEvent();
    contents.emit('will-navigate', nav, 'https://evil.example/');
    expect(nav.defaultPrevented()).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('quits when the window closes', async () => {
    const f = await boot();
    f.app.emit('window-all-closed');
    expect(f.app.quit).toHaveBeenCalled();
  });

  it('routes IPC from the window to the real router and refuses other senders', async () => {
    const f = await boot();
    const win = await becomeReady(f);
    const handle = invokeHandler(f);
    const fromWindow = { sender: win.webContents, senderFrame: win.webContents.mainFrame };

    const status = await handle(fromWindow, { name: 'vault.status', input: {} });
    expect(status).toMatchObject({ ok: true, value: { initialized: false, dataDir: path.join(dir.dir, 'vault') } });

    const stranger = new FakeWebContents('app://strongroom/index.html');
    expect(
      await handle({ sender: stranger, senderFrame: stranger.mainFrame }, { name: 'vault.status', input: {} }),
    ).toMatchObject({
      ok: false,
      key: 'ipc.badSender',
    });
  });

  it('ends a signed-in session on lock-screen and tells the window', async () => {
    const f = await boot();
    const win = await becomeReady(f);
    const handle = invokeHandler(f);
    const fromWindow = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
    const dataDir = path.join(dir.dir, 'vault');

    expect(
      await handle(fromWindow, {
        name: 'vault.create',
        input: { dataDir, username: ADMIN.username, password: ADMIN.password },
      }),
    ).toMatchObject({ ok: true });
    expect(await handle(fromWindow, { name: 'session.login', input: ADMIN })).toMatchObject({ ok: true });
    expect(await handle(fromWindow, { name: 'session.current', input: {} })).toMatchObject({
      ok: true,
      value: { username: ADMIN.username },
    });

    f.powerMonitor.emit('lock-screen');
    await vi.waitFor(() =>
      expect(win.webContents.send).toHaveBeenCalledWith(IPC_EVENT_CHANNEL, {
        event: 'session.ended',
        payload: { reason: 'locked' },
      }),
    );
    expect(await handle(fromWindow, { name: 'session.current', input: {} })).toEqual({ ok: true, value: null });
  });

  it('holds the first quit until a signed-in session has ended', async () => {
    const f = await boot();
    const win = await becomeReady(f);
    const handle = invokeHandler(f);
    const fromWindow = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
    await handle(fromWindow, {
      name: 'vault.create',
      input: { dataDir: path.join(dir.dir, 'vault'), username: ADMIN.username, password: ADMIN.password },
    });
    await handle(fromWindow, { name: 'session.login', input: ADMIN });

    const quit = fakeEvent();
    f.app.emit('before-quit', quit);
    expect(quit.defaultPrevented()).toBe(true);
    await vi.waitFor(() => expect(f.app.quit).toHaveBeenCalled());
    expect(await handle(fromWindow, { name: 'session.current', input: {} })).toEqual({ ok: true, value: null });

    const second = fakeEvent();
    f.app.emit('before-quit', second);
    expect(second.defaultPrevented()).toBe(false);
  });

  it('ends a signed-in session when Windows ends the user session', async () => {
    const f = await boot();
    const win = await becomeReady(f);
    const call = await signIn(f, win);
    win.emit('session-end', { reasons: ['shutdown'] });
    await vi.waitFor(() => expect(win.webContents.send).toHaveBeenCalledWith(IPC_EVENT_CHANNEL, lockedMessage));
    expect(await call('session.current')).toEqual({ ok: true, value: null });
  });

  describe('idle lock', () => {
    // Only the watchdog's interval and the monotonic clock are faked: the vault's own I/O runs for real.
    beforeEach(() => {
      vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] });
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    it('locks a session the OS reports idle for the policy lock time, and tells the window', async () => {
      const f = await boot();
      const win = await becomeReady(f);
      const call = await signIn(f, win);
      f.powerMonitor.getSystemIdleTime.mockReturnValue(3_600);

      await vi.advanceTimersByTimeAsync(9 * 60_000);
      expect(await call('session.current')).toMatchObject({ ok: true, value: { username: ADMIN.username } });

      await vi.advanceTimersByTimeAsync(60_000);
      expect(f.powerMonitor.getSystemIdleTime).toHaveBeenCalled();
      await vi.waitFor(() => expect(win.webContents.send).toHaveBeenCalledWith(IPC_EVENT_CHANNEL, lockedMessage));
      expect(await call('session.current')).toEqual({ ok: true, value: null });
    });

    it('keeps a session open while the OS sees input', async () => {
      const f = await boot();
      const win = await becomeReady(f);
      const call = await signIn(f, win);
      await vi.advanceTimersByTimeAsync(30 * 60_000);
      expect(f.powerMonitor.getSystemIdleTime).toHaveBeenCalled();
      expect(await call('session.current')).toMatchObject({ ok: true, value: { username: ADMIN.username } });
      expect(win.webContents.send).not.toHaveBeenCalledWith(IPC_EVENT_CHANNEL, lockedMessage);
    });

    it('stops watching when the app quits', async () => {
      const f = await boot();
      await becomeReady(f);
      expect(vi.getTimerCount()).toBe(1);
      f.app.emit('will-quit', fakeEvent());
      expect(vi.getTimerCount()).toBe(0);
    });
  });
});

describe('the app binary as the CLI', () => {
  it('runs a CLI command and exits with its code, opening no window and registering nothing', async () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const args = ['status', '--data-dir', path.join(dir.dir, 'none'), '--json'];
      const f = await boot({ isPackaged: true, args });
      await vi.waitFor(() => expect(f.app.exit).toHaveBeenCalledWith(0));
      expect(JSON.parse(String(write.mock.calls[0]?.[0]))).toMatchObject({ initialized: false });
      expect(FakeWindow.created).toHaveLength(0);
      expect(f.calls).toEqual([]);
      expect(f.app.requestSingleInstanceLock).not.toHaveBeenCalled();
    } finally {
      write.mockRestore();
    }
  });

  it('tells CLI launches from app starts', async () => {
    const { cliArguments } = await import('../../electron/main/cli-dispatch');
    expect(cliArguments(['/opt/s/strongroom', 'status', '--json'], true)).toEqual(['status', '--json']);
    expect(cliArguments(['/opt/s/strongroom', '--cli', '--help'], true)).toEqual(['--help']);
    expect(cliArguments(['/opt/s/strongroom'], true)).toBeNull();
    expect(cliArguments(['/opt/s/strongroom', '--no-sandbox'], true)).toBeNull();
    expect(cliArguments(['electron', '.', 'seat', 'id'], false)).toEqual(['seat', 'id']);
    expect(cliArguments(['electron', '.'], false)).toBeNull();
  });
});
