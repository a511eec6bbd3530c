/**
 * floor-import-delivery: import-delivery's 100,000-row delivery imported on a floor (PostgreSQL,
 * COPY into staging tables), checked and committed by the ceremony in a process of its own at
 * the floor's import station, against plaintext better-sqlite3 inserting the same rows in the
 * same run. Targets as on the embedded store: ≤ 10 s, peak RSS ≤ 400 MB. The same delivery then
 * goes through the built CLI at a second floor on the same cluster, as IT runs it (its wall time
 * with three sign-ins, and its peak RSS without tsx's, which the from-source process carries in
 * the main thread and in the seal worker). The cluster is this benchmark's own, fsync off (said in
 * the line's `fsync` field).
 */
import { osMachineId } from '../../electron/core/seats/seat-id';
import { importStation } from '../fixtures/import-station';
import { testEnv } from '../fixtures/env';
import { freshFloor } from '../fixtures/floor-vault';
import { note, withTempDir, type Bench } from './common';
import { withCluster } from './floor-common';
import { deliveryAndBaseline, importResult, runBuiltCli, runChild } from './import-common';

export const floorImportDeliveryBench: Bench = {
  name: 'floor-import-delivery',
  run: () =>
    withTempDir((dir) =>
      withCluster('import', async (cluster) => {
        const { archive, plainSeconds } = await deliveryAndBaseline(dir);
        const env = testEnv();
        const floor = await freshFloor(cluster, env);
        try {
          const station = await importStation({ dataDir: floor.dataDir, env });
          await station.cs.logout();
          const t = await runChild(floor.dataDir, env.machineId(), archive);
          // A floor of its own (the archive is imported once a vault), its seat this machine.
          const cliEnv = { ...env, machineId: osMachineId };
          const cliFloor = await freshFloor(cluster, cliEnv);
          try {
            const cliStation = await importStation({ dataDir: cliFloor.dataDir, env: cliEnv });
            await cliStation.cs.logout();
            const cli = await runBuiltCli(cliFloor.dataDir, archive);
            note(`built CLI ${cli.seconds.toFixed(1)} s, peak RSS ${cli.maxRssMb.toFixed(0)} MB`);
            return importResult('floor-import-delivery', t, cli, plainSeconds, { store: 'floor', fsync: 'off' });
          } finally {
            await cliFloor.cleanup();
          }
        } finally {
          await floor.cleanup();
        }
      }),
    ),
};
