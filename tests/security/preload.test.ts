/** The preload exposes one object with invoke/subscribe for contract names only. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, PROCEDURE_NAMES } from '../../shared/ipc-names';
import type { StrongroomBridge } from '../../shared/contract';

const electron = vi.hoisted(() => {
  const channelListeners = new Map<string, ((event: unknown, ...args: unknown[]) => void)[]>();
  return {
    channelListeners,
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: {
      invoke: vi.fn((_channel: string, _message: unknown) => Promise.resolve({ ok: true, value: null })),
      on: vi.fn((channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
        channelListeners.set(channel, [...(channelListeners.get(channel) ?? []), listener]);
      }),
      send: vi.fn(),
      sendSync: vi.fn(),
    },
  };
});

vi.mock('electron', () => ({ contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer }));

/** What the main process would send; the first argument is the IpcRendererEvent the page must never see. */
function mainSends(message: unknown): void {
  const rendererEvent = { sender: electron.ipcRenderer, senderId: 0, ports: [] };
  for (const listener of electron.channelListeners.get(IPC_EVENT_CHANNEL) ?? []) listener(rendererEvent, message);
}

let bridge: StrongroomBridge;

beforeEach(async () => {
  vi.resetModules();
  vi.clearAllMocks();
  electron.channelListeners.clear();
  await import('../../electron/preload/index');
  bridge = electron.contextBridge.exposeInMainWorld.mock.calls[0]?.[1] as StrongroomBridge;
});

describe('preload', () => {
  it('exposes exactly one object, window.strongroom, with invoke and subscribe only', () => {
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(electron.contextBridge.exposeInMainWorld.mock.calls[0]?.[0]).toBe('strongroom');
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'subscribe']);
  });

  it('sends every contract procedure on the invoke channel as {name, input}', async () => {
    for (const name of PROCEDURE_NAMES) {
      await bridge.invoke(name, {});
      expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(IPC_INVOKE_CHANNEL, { name, input: {} });
    }
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledTimes(PROCEDURE_NAMES.length);
  });

  it.each(['db.exec', 'constructor', '__proto__', 'toString', 'vault.status ', '', 42, null])(
    'refuses %s without sending anything',
    async (name) => {
      const result = await bridge.invoke(name as never, {} as never);
      expect(result).toEqual({ ok: false, code: 'USAGE', key: 'ipc.unknownProcedure' });
      expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
    },
  );

  it('never touches send or sendSync', async () => {
    await bridge.invoke('vault.status', {});
    bridge.subscribe('session.ended', () => undefined);
    expect(electron.ipcRenderer.send).not.toHaveBeenCalled();
    expect(electron.ipcRenderer.sendSync).not.toHaveBeenCalled();
  });

  it('delivers the payload alone to subscribers of that event', () => {
    const ended = vi.fn();
    const progress = vi.fn();
    bridge.subscribe('session.ended', ended);
    bridge.subscribe('audit.verifyProgress', progress);
    mainSends({ event: 'session.ended', payload: { reason: 'locked' } });
    expect(ended).toHaveBeenCalledTimes(1);
    expect(ended.mock.calls[0]).toEqual([{ reason: 'locked' }]);
    expect(progress).not.toHaveBeenCalled();
  });

  it('listens on the event channel once however many subscribe', () => {
    bridge.subscribe('session.ended', () => undefined);
    bridge.subscribe('session.ended', () => undefined);
    bridge.subscribe('audit.verifyProgress', () => undefined);
    expect(electron.ipcRenderer.on).toHaveBeenCalledTimes(1);
    expect(electron.ipcRenderer.on).toHaveBeenCalledWith(IPC_EVENT_CHANNEL, expect.any(Function));
  });

  it('returns an unsubscribe that stops delivery for that subscription only', () => {
    const a = vi.fn();
    const b = vi.fn();
    const offA = bridge.subscribe('session.ended', a);
    bridge.subscribe('session.ended', b);
    offA();
    offA(); // idempotent
    mainSends({ event: 'session.ended', payload: { reason: 'logout' } });
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledTimes(1);
  });

  it('refuses to subscribe to names outside the contract', () => {
    expect(() => bridge.subscribe('ipc.anything' as never, () => undefined)).toThrow(TypeError);
    expect(() => bridge.subscribe('session.ended', 'not a function' as never)).toThrow(TypeError);
    expect(electron.ipcRenderer.on).not.toHaveBeenCalled();
  });

  it('ignores messages for unknown events or of the wrong shape', () => {
    const ended = vi.fn();
    bridge.subscribe('session.ended', ended);
    mainSends({ event: 'other', payload: 1 });
    mainSends(null);
    mainSends('session.ended');
    expect(ended).not.toHaveBeenCalled();
  });

  it('keeps delivering to other subscribers when one throws', async () => {
    const thrown: unknown[] = [];
    const onError = (err: unknown) => thrown.push(err);
    process.on('uncaughtException', onError);
    try {
      const later = vi.fn();
      bridge.subscribe('session.ended', () => {
        throw new Error('subscriber bug');
      });
      bridge.subscribe('session.ended', later);
      mainSends({ event: 'session.ended', payload: { reason: 'locked' } });
      expect(later).toHaveBeenCalledTimes(1);
      await new Promise((resolve) => setImmediate(resolve));
      // The error is not swallowed: it resurfaces on its own turn, where DevTools shows it.
      expect(thrown).toEqual([new Error('subscriber bug')]);
    } finally {
      process.off('uncaughtException', onError);
    }
  });
});
