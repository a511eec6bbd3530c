/** Locks the vault when the OS locks the screen, suspends or shuts down (security-model.md). */
import type { PowerMonitor } from 'electron';
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
  power.on('lock-screen', lock); // Windows, macOS
  power.on('suspend', lock); // every platform
  power.on('shutdown', lock); // Linux, macOS
}
