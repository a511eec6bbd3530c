/**
 * floor-import-delivery: import-delivery's 100,000-row delivery imported on a floor (PostgreSQL,
 * COPY into staging tables), checked and committed by the ceremony in a process of its own at
 * the floor's import station, against plaintext better-sqlite3 inserting the same rows in the
 * same run. Targets as on the embedded store: ≤ 10 s, peak RSS ≤ 400 MB. The cluster is this
 * benchmark's own, fsync off (said in the line's `fsync` field).
 */
import { importStation } from '../fixtures/import-station';
import { testEnv } from '../fixtures/env';
import { freshFloor } from '../fixtures/floor-vault';
import { withTempDir, type Bench } from './common';
import { withCluster } from './floor-common';
import { deliveryAndBaseline, importResult, runChild } from './import-common';

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
          return importResult('floor-import-delivery', t, plainSeconds, { store: 'floor', fsync: 'off' });
        } finally {
          await floor.cleanup();
        }
      }),
    ),
};
