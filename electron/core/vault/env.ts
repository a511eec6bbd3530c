/** What a vault needs from the machine it runs on: a clock and the machine id seats derive from. */
import { systemClock, type Clock } from '../clock';
import { osMachineId, type MachineIdSource } from '../seats/seat-id';

export interface VaultEnv {
  clock: Clock;
  machineId: MachineIdSource;
  /**
   * Milliseconds on a clock that never goes back (not the wall clock): the re-authentication
   * window and a session's lifetime are measured on it, so setting the clock back skips neither.
   */
  monotonic: () => number;
}

export const defaultEnv: VaultEnv = { clock: systemClock, machineId: osMachineId, monotonic: () => performance.now() };
