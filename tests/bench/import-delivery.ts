/**
 * import-delivery: a 100,000-row GBK CSV delivery (the sample's 20 columns) in an AES-256 ZIP,
 * checked and committed by the import ceremony in a process of its own (its peak RSS measured),
 * on the embedded store; against plaintext better-sqlite3 inserting the same rows (one prepared
 * INSERT, one transaction) in the same run. Targets: ≤ 10 s, peak RSS ≤ 400 MB.
 * The same delivery then goes through the built CLI (`npm run bench` builds first), as IT runs it:
 * its wall time (with three sign-ins and the hashing) and peak RSS without tsx's.
 * With IMPORT_BENCH_ROWS=1000000 it shows a million-row delivery completes (streamed).
 */
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { importStation } from '../fixtures/import-station';
import { ADMIN, testEnv } from '../fixtures/env';
import { osMachineId } from '../../electron/core/seats/seat-id';
import { createVault } from '../../electron/core/vault/create-vault';
import { note, withTempDir, type Bench } from './common';
import { deliveryAndBaseline, importResult, runBuiltCli, runChild } from './import-common';

export const importDeliveryBench: Bench = {
  name: 'import-delivery',
  run: () =>
    withTempDir(async (dir) => {
      const { archive, plainSeconds } = await deliveryAndBaseline(dir);
      // This machine's id: the built CLI opens the vault as the seat it is.
      const env = { ...testEnv(), machineId: osMachineId };
      const dataDir = path.join(dir, 'vault');
      await createVault(dataDir, ADMIN, env);
      const station = await importStation({ dataDir, env });
      await station.cs.logout();
      await cp(dataDir, path.join(dir, 'vault-cli'), { recursive: true });
      const t = await runChild(dataDir, env.machineId(), archive);
      const cli = await runBuiltCli(path.join(dir, 'vault-cli'), archive);
      note(`built CLI ${cli.seconds.toFixed(1)} s, peak RSS ${cli.maxRssMb.toFixed(0)} MB`);
      return importResult('import-delivery', t, cli, plainSeconds, { store: 'embedded' });
    }),
};
