/** The OS locking the screen, switching user, suspending or shutting down ends the session. */
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { Session } from '../../electron/core/session/session';
import { bindPowerLock, bindWindowSessionEnd, lockWorkstation } from '../../electron/main/power-lock';

function fakeWorkstation(signedIn = true) {
  const ws = {
    session: signedIn ? ({} as Session) : null,
    endSession: vi.fn((_reason: 'logout' | 'locked' | 'expired') => {
      ws.session = null;
      return Promise.resolve();
    }),
  };
  return ws;
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('power lock', () => {
  it.each(['lock-screen', 'user-did-resign-active', 'suspend', 'shutdown'])(
    '%s ends the session as locked and tells the renderer',
    async (name) => {
      const power = new EventEmitter();
      const ws = fakeWorkstation();
      const emit = vi.fn();
      bindPowerLock(power as never, ws, emit);
      power.emit(name);
      await settle();
      expect(ws.endSession).toHaveBeenCalledWith('locked');
      expect(ws.session).toBeNull();
      expect(emit).toHaveBeenCalledWith('session.ended', { reason: 'locked' });
    },
  );

  it('ends the session when Windows ends the user session (shutdown, restart, log-off)', async () => {
    const win = new EventEmitter();
    const ws = fakeWorkstation();
    const emit = vi.fn();
    bindWindowSessionEnd(win as never, ws, emit);
    win.emit('session-end', { reasons: ['logoff'] });
    await settle();
    expect(ws.endSession).toHaveBeenCalledWith('locked');
    expect(emit).toHaveBeenCalledWith('session.ended', { reason: 'locked' });
  });

  it('does nothing on resume, unlock, a user becoming active, or the window hiding', async () => {
    const power = new EventEmitter();
    const win = new EventEmitter();
    const ws = fakeWorkstation();
    const emit = vi.fn();
    bindPowerLock(power as never, ws, emit);
    bindWindowSessionEnd(win as never, ws, emit);
    power.emit('resume');
    power.emit('unlock-screen');
    power.emit('user-did-become-active');
    win.emit('hide');
    win.emit('minimize');
    win.emit('blur');
    await settle();
    expect(ws.endSession).not.toHaveBeenCalled();
    expect(emit).not.toHaveBeenCalled();
  });

  it('sends nothing when nobody is signed in', async () => {
    const ws = fakeWorkstation(false);
    const emit = vi.fn();
    await lockWorkstation(ws, emit);
    expect(ws.endSession).not.toHaveBeenCalled();
    expect(emit).not.toHaveBeenCalled();
  });

  it('still tells the renderer when writing the logout event fails', async () => {
    const ws = fakeWorkstation();
    ws.endSession.mockImplementationOnce(() => {
      ws.session = null;
      return Promise.reject(new Error('disk full'));
    });
    const emit = vi.fn();
    await expect(lockWorkstation(ws, emit)).resolves.toBeUndefined();
    expect(emit).toHaveBeenCalledWith('session.ended', { reason: 'locked' });
  });
});
