/** IPC from anything but our window's top frame on app://strongroom never reaches the router. */
import { describe, expect, it, vi } from 'vitest';
import type { Router } from '../../electron/core/api/router';
import { bindIpc } from '../../electron/main/ipc/bind-ipc';
import { BAD_MESSAGE, BAD_SENDER, createInvokeHandler } from '../../electron/main/ipc/invoke-handler';
import type { SenderLike, TrustPolicy } from '../../electron/main/ipc/trusted-sender';
import { IPC_INVOKE_CHANNEL } from '../../shared/ipc-names';
import { fakeFrame, FakeWebContents } from './fake-electron';

// bind-ipc imports Electron's ipcMain; the runtime is not installed here.
vi.mock('electron', () => ({ ipcMain: { handle: vi.fn() } }));

const OK = { ok: true, value: { initialized: false } } as const;
const MESSAGE = { name: 'vault.status', input: {} };

function setup(options: { dev?: URL | null; windowUrl?: string } = {}) {
  const win = new FakeWebContents(options.windowUrl);
  const router: Router & { call: ReturnType<typeof vi.fn> } = { call: vi.fn(() => Promise.resolve(OK)) };
  const policy: TrustPolicy = { windowContents: () => win, dev: options.dev ?? null };
  const handler = createInvokeHandler(router, policy);
  const fromTop = (contents: FakeWebContents = win): SenderLike => ({
    sender: contents,
    senderFrame: contents.mainFrame,
  });
  return { win, router, handler, fromTop };
}

describe('IPC sender check', () => {
  it('passes a well-formed call from our window to the router', async () => {
    const { handler, router, fromTop } = setup();
    await expect(handler(fromTop(), MESSAGE)).resolves.toEqual(OK);
    expect(router.call).toHaveBeenCalledWith('vault.status', {});
  });

  it('accepts a top frame that is a distinct object with the same ids', async () => {
    const { win, handler, router } = setup();
    const sameFrame = fakeFrame(win.mainFrame.url, {
      processId: win.mainFrame.processId,
      routingId: win.mainFrame.routingId,
    });
    await expect(handler({ sender: win, senderFrame: sameFrame }, MESSAGE)).resolves.toEqual(OK);
    expect(router.call).toHaveBeenCalledTimes(1);
  });

  it.each([
    'https://evil.example/',
    'http://localhost:5173/',
    'file:///work/out/renderer/index.html',
    'app://other/index.html',
    'app://strongroom.evil.example/index.html',
    'about:blank',
    'data:text/html,<script></script>',
    '',
  ])('refuses a top frame on %s', async (url) => {
    const { win, handler, router } = setup();
    win.mainFrame.url = url;
    await expect(handler({ sender: win, senderFrame: win.mainFrame }, MESSAGE)).resolves.toEqual(BAD_SENDER);
    expect(router.call).not.toHaveBeenCalled();
  });

  it('refuses a subframe, even one on our own origin', async () => {
    const { win, handler, router } = setup();
    const sub = fakeFrame('app://strongroom/index.html', {
      parent: win.mainFrame,
      processId: win.mainFrame.processId,
      routingId: 99,
    });
    await expect(handler({ sender: win, senderFrame: sub }, MESSAGE)).resolves.toEqual(BAD_SENDER);
    // Same ids as the top frame but with a parent is still a subframe.
    const disguised = fakeFrame('app://strongroom/index.html', { ...win.mainFrame, parent: win.mainFrame });
    await expect(handler({ sender: win, senderFrame: disguised }, MESSAGE)).resolves.toEqual(BAD_SENDER);
    expect(router.call).not.toHaveBeenCalled();
  });

  it('refuses another web contents, even one on our own origin', async () => {
    const { handler, router, fromTop } = setup();
    const other = new FakeWebContents('app://strongroom/index.html');
    await expect(handler(fromTop(other), MESSAGE)).resolves.toEqual(BAD_SENDER);
    expect(router.call).not.toHaveBeenCalled();
  });

  it('refuses a sender whose frame is gone, and any sender once the window is closed', async () => {
    const { win, handler, router, fromTop } = setup();
    await expect(handler({ sender: win, senderFrame: null }, MESSAGE)).resolves.toEqual(BAD_SENDER);
    const closed = createInvokeHandler(router, { windowContents: () => null, dev: null });
    await expect(closed(fromTop(), MESSAGE)).resolves.toEqual(BAD_SENDER);
    expect(router.call).not.toHaveBeenCalled();
  });

  it('trusts the dev server origin only in development', async () => {
    const dev = new URL('http://localhost:5173/');
    const inDev = setup({ dev, windowUrl: 'http://localhost:5173/' });
    await expect(inDev.handler(inDev.fromTop(), MESSAGE)).resolves.toEqual(OK);
    const other = setup({ dev, windowUrl: 'http://localhost:5174/' });
    await expect(other.handler(other.fromTop(), MESSAGE)).resolves.toEqual(BAD_SENDER);
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'vault.status'],
    ['an array', ['vault.status', {}]],
    ['no name', { input: {} }],
    ['a numeric name', { name: 42, input: {} }],
    ['an empty name', { name: '', input: {} }],
    ['an oversized name', { name: 'x'.repeat(65), input: {} }],
  ])('refuses a malformed message: %s', async (_label, message) => {
    const { handler, router, fromTop } = setup();
    await expect(handler(fromTop(), message)).resolves.toEqual(BAD_MESSAGE);
    expect(router.call).not.toHaveBeenCalled();
  });

  it('checks the sender before the message', async () => {
    const { handler, fromTop } = setup();
    await expect(handler(fromTop(new FakeWebContents()), null)).resolves.toEqual(BAD_SENDER);
  });

  it('never lets a thrown error cross the boundary', async () => {
    const { handler, router, fromTop } = setup();
    router.call.mockRejectedValueOnce(new Error('secret stack'));
    await expect(handler(fromTop(), MESSAGE)).resolves.toEqual({ ok: false, code: 'INTERNAL', key: 'internal' });
  });

  it('binds exactly one handler, on the invoke channel', () => {
    const ipcMain = { handle: vi.fn() };
    bindIpc({ call: vi.fn() }, { windowContents: () => null, dev: null }, ipcMain);
    expect(ipcMain.handle).toHaveBeenCalledTimes(1);
    expect(ipcMain.handle).toHaveBeenCalledWith(IPC_INVOKE_CHANNEL, expect.any(Function));
  });
});
