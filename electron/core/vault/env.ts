/** What a vault needs from the machine it runs on: a clock and the machine id seats derive from. */
import { systemClock, type Clock } from '../clock';
import { osMachineId, type MachineIdSource } from '../seats/seat-id';

export interface VaultEnv {
  clock: Clock;
  machineId: MachineIdSource;
}

export const defaultEnv: VaultEnv = { clock: systemClock, machineId: osMachineId };
