/**
 * The idle lock (policy.md, 屏保 / 锁屏): the main process asks the OS how long the seat has been
 * idle, and the real Workstation (on a fake monotonic clock) ends the session after
 * policy.lockSeconds without input, or after policy.sessionMaxHours whatever the input.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryDataDirStore, Workstation } from '../../electron/core/api/workstation';
import type { EndReason, Session } from '../../electron/core/session/session';
import { IDLE_CHECK_MS, startIdleWatch, type IdleWatch } from '../../electron/main/idle-watch';

const MIN = 60_000;
const HOUR = 60 * MIN;
const POLICY = { curtainSeconds: 30, lockSeconds: 600, sessionMaxHours: 12 };

/** Just enough of a Session for the Workstation: its policy, whether it is active, its ceremonies, and end(). */
function fakeSession() {
  let ended: EndReason | null = null;
  const session = {
    vault: { policy: POLICY },
    ceremonies: new Set(),
    get active() {
      return ended === null;
    },
    get endReason() {
      return ended;
    },
    end: vi.fn((reason: EndReason) => {
      ended ??= reason;
      return Promise.resolve();
    }),
    /** Like Session.end when the logout event cannot be written: ended all the same, then throws. */
    failToLog: (reason: EndReason) => {
      ended ??= reason;
      return Promise.reject(new Error('disk full'));
    },
  };
  return session;
}

/**
 * The OS's idle counter: seconds since the last input it saw (whole seconds, as Electron
 * reports them), on the same fake clock.
 */
function fakeOs() {
  let lastInput = Date.now();
  return {
    power: { getSystemIdleTime: vi.fn(() => Math.floor((Date.now() - lastInput) / 1000)) },
    input: () => void (lastInput = Date.now()),
  };
}

let watch: IdleWatch | null = null;

function setup(options: { signedIn?: boolean } = {}) {
  const ws = new Workstation(memoryDataDirStore('/unused'), undefined, {
    fontPath: '/unused',
    monotonic: () => Date.now(),
  });
  const session = fakeSession();
  if (options.signedIn ?? true) ws.begin(session as unknown as Session);
  const os = fakeOs();
  const emit = vi.fn();
  watch = startIdleWatch(os.power, ws, emit);
  return { ws, session, os, emit };
}

/** Advances the fake clock in check-sized steps, with OS-visible input before each one. */
async function workFor(ms: number, os: { input: () => void }) {
  for (let t = 0; t < ms; t += IDLE_CHECK_MS) {
    os.input();
    await vi.advanceTimersByTimeAsync(IDLE_CHECK_MS);
  }
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  watch?.stop();
  watch = null;
  vi.useRealTimers();
});

describe('idle lock', () => {
  it('locks after 10 minutes without input and tells the renderer', async () => {
    const { ws, session, emit } = setup();
    await vi.advanceTimersByTimeAsync(10 * MIN - IDLE_CHECK_MS);
    expect(ws.session).toBe(session);
    expect(emit).not.toHaveBeenCalled();

    await vi.advanceTimersByTimeAsync(IDLE_CHECK_MS);
    expect(session.end).toHaveBeenCalledExactlyOnceWith('locked');
    expect(ws.session).toBeNull();
    expect(emit).toHaveBeenCalledExactlyOnceWith('session.ended', { reason: 'locked' });

    // Nothing more to lock, nothing more to say.
    await vi.advanceTimersByTimeAsync(30 * MIN);
    expect(session.end).toHaveBeenCalledTimes(1);
    expect(emit).toHaveBeenCalledTimes(1);
  });

  it('keeps the session open while the OS sees input, and counts the 10 minutes from the last one', async () => {
    const { ws, session, os, emit } = setup();
    await workFor(30 * MIN, os);
    expect(ws.session).toBe(session);
    expect(emit).not.toHaveBeenCalled();

    // Input seen by the OS in another app, then nothing: the lock comes 10 minutes after it.
    await vi.advanceTimersByTimeAsync(8 * MIN);
    os.input();
    await vi.advanceTimersByTimeAsync(10 * MIN - IDLE_CHECK_MS);
    expect(ws.session).toBe(session);
    await vi.advanceTimersByTimeAsync(IDLE_CHECK_MS);
    expect(emit).toHaveBeenCalledExactlyOnceWith('session.ended', { reason: 'locked' });
  });

  it('lets renderer input count even when the OS reports the seat idle', async () => {
    const { ws, session, os, emit } = setup();
    os.power.getSystemIdleTime.mockReturnValue(3_600); // the OS says idle for an hour
    for (let t = 0; t < 20 * MIN; t += IDLE_CHECK_MS) {
      ws.touch(); // session.activity from the window
      await vi.advanceTimersByTimeAsync(IDLE_CHECK_MS);
    }
    expect(ws.session).toBe(session);
    expect(emit).not.toHaveBeenCalled();
  });

  it('ends the session as expired after 12 hours of constant activity', async () => {
    const { ws, session, os, emit } = setup();
    await workFor(12 * HOUR - IDLE_CHECK_MS, os);
    expect(ws.session).toBe(session);
    expect(emit).not.toHaveBeenCalled();

    await workFor(IDLE_CHECK_MS, os);
    expect(session.end).toHaveBeenCalledExactlyOnceWith('expired');
    expect(ws.session).toBeNull();
    expect(emit).toHaveBeenCalledExactlyOnceWith('session.ended', { reason: 'expired' });
  });

  it('does nothing while nobody is signed in', async () => {
    const { ws, os, emit } = setup({ signedIn: false });
    const checkIdle = vi.spyOn(ws, 'checkIdle');
    await vi.advanceTimersByTimeAsync(13 * HOUR);
    expect(os.power.getSystemIdleTime).not.toHaveBeenCalled();
    expect(checkIdle).not.toHaveBeenCalled();
    expect(emit).not.toHaveBeenCalled();
  });

  it('starts watching a session that begins later, on a fresh idle clock', async () => {
    const { ws, emit } = setup({ signedIn: false });
    await vi.advanceTimersByTimeAsync(HOUR);
    const session = fakeSession();
    ws.begin(session as unknown as Session);
    await vi.advanceTimersByTimeAsync(10 * MIN - IDLE_CHECK_MS);
    expect(ws.session).toBe(session);
    await vi.advanceTimersByTimeAsync(IDLE_CHECK_MS);
    expect(emit).toHaveBeenCalledExactlyOnceWith('session.ended', { reason: 'locked' });
  });

  it('still locks on time when the OS cannot report idle time', async () => {
    const { ws, os, emit } = setup();
    os.power.getSystemIdleTime.mockImplementation(() => {
      throw new Error('no idle source');
    });
    await vi.advanceTimersByTimeAsync(10 * MIN);
    expect(ws.session).toBeNull();
    expect(emit).toHaveBeenCalledExactlyOnceWith('session.ended', { reason: 'locked' });
  });

  it('still tells the renderer when writing the logout event fails', async () => {
    const { ws, session, emit } = setup();
    session.end.mockImplementationOnce(session.failToLog);
    await vi.advanceTimersByTimeAsync(10 * MIN);
    expect(ws.session).toBeNull();
    expect(emit).toHaveBeenCalledExactlyOnceWith('session.ended', { reason: 'locked' });
  });

  it('tells the renderer once, after the session has really ended', async () => {
    const { ws, session, emit } = setup();
    let finish!: () => void;
    session.end.mockImplementationOnce(() => new Promise<void>((resolve) => (finish = resolve)));
    const checkIdle = vi.spyOn(ws, 'checkIdle');
    await vi.advanceTimersByTimeAsync(10 * MIN);
    const calls = checkIdle.mock.calls.length;
    await vi.advanceTimersByTimeAsync(5 * IDLE_CHECK_MS);
    expect(checkIdle).toHaveBeenCalledTimes(calls);
    expect(emit).not.toHaveBeenCalled();
    finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(emit).toHaveBeenCalledExactlyOnceWith('session.ended', { reason: 'locked' });
  });

  it('stops checking once stopped (on quit)', async () => {
    const { ws, session, os, emit } = setup();
    expect(vi.getTimerCount()).toBe(1);
    watch?.stop();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(os.power.getSystemIdleTime).not.toHaveBeenCalled();
    expect(ws.session).toBe(session);
    expect(emit).not.toHaveBeenCalled();
  });
});
