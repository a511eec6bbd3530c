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
import { note, sig, withTempDir, type Bench } from './common';
import { withCluster } from './floor-common';
import { deliveryAndBaseline, ROWS, runChild } from './import-common';

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
          const seconds = t.checkSeconds + t.commitSeconds;
          const rate = ROWS / seconds;
          const baseRate = ROWS / plainSeconds;
          note(
            `check ${t.checkSeconds.toFixed(2)} s, commit ${t.commitSeconds.toFixed(2)} s, peak RSS ${t.maxRssMb.toFixed(0)} MB; plaintext better-sqlite3 ${plainSeconds.toFixed(2)} s`,
          );
          return {
            name: 'floor-import-delivery',
            value: sig(rate),
            unit: 'rows/s (check + commit)',
            baseline: 'plaintext better-sqlite3, same rows, one prepared INSERT in one transaction',
            baseline_value: sig(baseRate),
            ratio: sig(rate / baseRate, 3),
            n: ROWS,
            seconds: sig(seconds, 3),
            check_seconds: sig(t.checkSeconds, 3),
            commit_seconds: sig(t.commitSeconds, 3),
            peak_rss_mb: sig(t.maxRssMb, 3),
            store: 'floor',
            fsync: 'off',
            target: '≤ 10 s and peak RSS ≤ 400 MB for 100,000 rows',
          };
        } finally {
          await floor.cleanup();
        }
      }),
    ),
};
