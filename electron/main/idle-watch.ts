/**
 * The idle lock (policy.md, 屏保 / 锁屏): every few seconds, while someone is signed in, the
 * last input the OS saw counts as activity and the workstation decides whether the session has
 * been idle past `lockSeconds` or lived past `sessionMaxHours`. The renderer reports its own
 * input too (session.activity); the OS also sees input in other apps, so working elsewhere on
 * the seat keeps the session open, and a seat nobody touches locks even if the renderer hangs.
 */
import type { PowerMonitor } from 'electron';
import type { Emit } from '../core/api/router';
import type { Workstation } from '../core/api/workstation';

/** Often enough that a lock comes at most a few seconds late (policy minimum is 30 s). */
export const IDLE_CHECK_MS = 5_000;

type IdleSource = Pick<PowerMonitor, 'getSystemIdleTime'>;
type Watched = Pick<Workstation, 'session' | 'touch' | 'checkIdle'>;

export interface IdleWatch {
  /** Stops the timer (on quit); a check already under way still finishes. */
  stop(): void;
}

export function startIdleWatch(power: IdleSource, ws: Watched, emit: Emit, intervalMs = IDLE_CHECK_MS): IdleWatch {
  let checking = false;

  async function check(): Promise<void> {
    const session = ws.session;
    if (!session?.active) return;
    try {
      // Seconds since the OS last saw keyboard or mouse input, on any app.
      ws.touch(power.getSystemIdleTime() * 1000);
    } catch {
      // No OS reading: judge on the renderer's input alone rather than skip the check.
    }
    let reason: 'locked' | 'expired' | null;
    try {
      const ended = await ws.checkIdle();
      reason = ended === 'locked' || ended === 'expired' ? ended : null;
    } catch {
      // Ending the session failed part-way (e.g. the logout event could not be written); the
      // workstation dropped the session and Session closed the vault in a `finally`.
      if (ws.session === session) return;
      reason = session.endReason === 'expired' ? 'expired' : 'locked';
    }
    if (reason) emit('session.ended', { reason });
  }

  const timer = setInterval(() => {
    if (checking) return; // the previous check is still ending the session
    checking = true;
    void check().finally(() => {
      checking = false;
    });
  }, intervalMs);

  return {
    stop: () => clearInterval(timer),
  };
}
