/**
 * Locks the vault on OS signals (security-model.md; policy.md: "on OS lock / suspend / user
 * switch, the session locks"). What each platform reports:
 *
 * | signal                     | Windows                    | macOS                    | Linux      |
 * | -------------------------- | -------------------------- | ------------------------ | ---------- |
 * | screen locked              | powerMonitor lock-screen   | lock-screen              | (idle lock)|
 * | user switch                | lock-screen (switching     | user-did-resign-active   | (idle lock)|
 * |                            | users locks the session)   | (fast user switching)    |            |
 * | suspend / sleep            | suspend                    | suspend                  | suspend    |
 * | shutdown, restart, log-off | window 'session-end'       | shutdown                 | shutdown   |
 *
 * Linux has no lock-screen or user-switch event in Electron; there the idle lock (idle-watch.ts)
 * is what closes the vault. Hiding or minimising the window is deliberately not a lock signal.
 */
import type { BrowserWindow, PowerMonitor } from 'electron';
import type { Emit } from '../core/api/router';
import type { Workstation } from '../core/api/workstation';

type PowerEvents = Pick<PowerMonitor, 'on'>;

/**
 * Ends the session (the database closes and keys are wiped) and tells the renderer to drop
 * what it holds. Without a session there is nothing to lock and nothing is sent.
 */
export async function lockWorkstation(ws: Pick<Workstation, 'session' | 'endSession'>, emit: Emit): Promise<void> {
  if (!ws.session) return;
  try {
    await ws.endSession('locked');
  } catch {
    // Workstation drops the session before logging out and Session closes the vault in a
    // `finally`, so the vault is locked even if the logout event could not be written.
  }
  emit('session.ended', { reason: 'locked' });
}

export function bindPowerLock(power: PowerEvents, ws: Pick<Workstation, 'session' | 'endSession'>, emit: Emit): void {
  const lock = (): void => void lockWorkstation(ws, emit);
  power.on('lock-screen', lock); // Windows (also on switching user), macOS
  power.on('user-did-resign-active', lock); // macOS fast user switching
  power.on('suspend', lock); // every platform
  power.on('shutdown', lock); // Linux, macOS
}

/**
 * Windows reports shutdown, restart and log-off to windows rather than to powerMonitor; once
 * 'session-end' fires the process may be killed without `before-quit`, so lock right away.
 */
export function bindWindowSessionEnd(
  win: Pick<BrowserWindow, 'on'>,
  ws: Pick<Workstation, 'session' | 'endSession'>,
  emit: Emit,
): void {
  win.on('session-end', () => void lockWorkstation(ws, emit));
}
