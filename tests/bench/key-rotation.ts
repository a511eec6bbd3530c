/**
 * key-rotation: wall time of closing out a vault key on a 1 GB vault — vault.rotateKey's new
 * VMK, keyring, log epoch and SQLCipher re-key of every page — against copying the same
 * database file (the disk's own cost of reading and writing every byte once). Also the
 * login time on that vault afterwards. BENCH_ROTATION_MB sets the size (default 1024).
 */
import { copyFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { login } from '../../electron/core/session/unlock';
import { DB_FILE } from '../../electron/core/vault/manifest';
import { ADMIN, freshVault, note, sig, timed, withTempDir, type Bench } from './common';

const MB = 1024 * 1024;
const ROW_BYTES = 4000;
const ROWS_PER_INSERT = 2048;

export const keyRotationBench: Bench = {
  name: 'key-rotation',
  run: () =>
    withTempDir(async (dir) => {
      const targetMb = Number(process.env['BENCH_ROTATION_MB'] ?? 1024);
      const { dataDir, session, env } = await freshVault(dir);
      const file = path.join(dataDir, DB_FILE);
      // Bench-only table: bulk pages for the re-key to rewrite (random, so nothing compresses).
      await session.vault.db.exec('CREATE TABLE bench_filler (b BLOB)');
      const inserts = Math.ceil((targetMb * MB) / (ROW_BYTES * ROWS_PER_INSERT));
      for (let i = 0; i < inserts; i += 1) {
        await session.vault.db.exec(
          `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ROWS_PER_INSERT})
           INSERT INTO bench_filler SELECT randomblob(${ROW_BYTES}) FROM n`,
        );
        if (i % 16 === 15) note(`filled ${Math.round(((i + 1) / inserts) * targetMb)} MB`);
      }
      await session.logout();
      const bytes = (await stat(file)).size;
      note(`vault.db is ${(bytes / MB).toFixed(0)} MB`);
      const copy = await timed(() => copyFile(file, path.join(dir, 'copy.db')));
      const signedIn = await timed(() => login(dataDir, ADMIN.username, ADMIN.password, env));
      const it = signedIn.result;
      const rotation = await timed(() =>
        it.vault.rotateKey({
          reason: 'requested',
          work: () => Promise.resolve([]),
          by: { at: it.vault.now(), actor: it.account.username, actorId: it.account.id, seat: it.vault.seatId },
        }),
      );
      await it.logout();
      const after = await timed(() => login(dataDir, ADMIN.username, ADMIN.password, env));
      await after.result.logout();
      note(`copy ${copy.seconds.toFixed(2)} s, rotation ${rotation.seconds.toFixed(2)} s`);
      return {
        name: 'key-rotation',
        value: sig(rotation.seconds),
        unit: 's',
        baseline: `copyFile of the same ${Math.round(bytes / MB)} MB vault.db`,
        baseline_value: sig(copy.seconds),
        ratio: sig(rotation.seconds / copy.seconds, 3),
        n: 1,
        vault_mb: Math.round(bytes / MB),
        login_before_s: sig(signedIn.seconds),
        login_after_s: sig(after.seconds),
      };
    }),
};
