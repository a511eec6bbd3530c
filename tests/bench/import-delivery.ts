/**
 * import-delivery: a 100,000-row GBK CSV delivery (the sample's 20 columns) in an AES-256 ZIP,
 * checked and committed by the import ceremony in a process of its own (its peak RSS measured),
 * on the embedded store; against plaintext better-sqlite3 inserting the same rows (one prepared
 * INSERT, one transaction) in the same run. Targets: ≤ 10 s, peak RSS ≤ 400 MB.
 * The same delivery then goes through the built CLI (`npm run bench` builds first), as IT runs it:
 * its wall time (with three sign-ins and the hashing) and peak RSS without tsx's.
 * With IMPORT_BENCH_ROWS=1000000 it shows a million-row delivery completes (streamed).
 */
import { execFile } from 'node:child_process';
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { TEST_HALVES } from '../fixtures/delivery';
import { importStation, CS, QC } from '../fixtures/import-station';
import { ADMIN, testEnv } from '../fixtures/env';
import { osMachineId } from '../../electron/core/seats/seat-id';
import { createVault } from '../../electron/core/vault/create-vault';
import { note, sig, withTempDir, type Bench } from './common';
import { deliveryAndBaseline, importResult, runChild } from './import-common';

/** The built CLI imports `archive` into `dataDir`: its wall time and peak RSS (GNU time). */
function runBuiltCli(dataDir: string, archive: string): Promise<{ seconds: number; maxRssMb: number }> {
  const stdin = [CS.username, CS.password, TEST_HALVES[0], QC.username, QC.password, TEST_HALVES[1]].join('\n');
  return new Promise((resolve, reject) => {
    const child = execFile(
      '/usr/bin/time',
      ['-f', 'time %e %M', process.execPath, 'out/main/cli.js', '--data-dir', dataDir, 'import', archive, '--json'],
      (err, _out, errText) => {
        const time = /^time ([\d.]+) (\d+)$/m.exec(errText);
        if (err || !time) reject(new Error(`built CLI import failed: ${err?.message ?? 'no timing'}`));
        else resolve({ seconds: Number(time[1]), maxRssMb: Number(time[2]) / 1024 });
      },
    );
    child.stdin!.end(`${stdin}\n`);
  });
}

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
      return importResult('import-delivery', t, plainSeconds, {
        built_cli_seconds: sig(cli.seconds, 3),
        built_cli_peak_rss_mb: sig(cli.maxRssMb, 3),
        store: 'embedded',
      });
    }),
};
