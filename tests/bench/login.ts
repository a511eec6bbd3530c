/**
 * login: median wall time of login() — Argon2id (m=64 MiB, t=3, p=4) + keyslot unwrap +
 * SQLCipher open + migrate check + audit write — against raw argon2.hash with the same params.
 */
import argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import { KDF_FLOOR } from '../../electron/core/keyring/kdf';
import { login } from '../../electron/core/session/unlock';
import { ADMIN, freshVault, median, note, sig, timed, withTempDir, type Bench } from './common';

const RUNS = 7;

function rawArgon2(): Promise<Buffer> {
  return argon2.hash(ADMIN.password, {
    type: argon2.argon2id,
    memoryCost: KDF_FLOOR.m,
    timeCost: KDF_FLOOR.t,
    parallelism: KDF_FLOOR.p,
    salt: randomBytes(16),
    hashLength: 32,
    raw: true,
  });
}

export const loginBench: Bench = {
  name: 'login',
  run: () =>
    withTempDir(async (dir) => {
      const { dataDir, session, env } = await freshVault(dir);
      await session.logout();
      // One untimed round of each, so first-call costs (module init, page faults) aren't counted.
      await rawArgon2();
      await (await login(dataDir, ADMIN.username, ADMIN.password, env)).logout();
      const logins: number[] = [];
      const raws: number[] = [];
      // Interleaved, so a slow patch on the machine hits both sides alike.
      for (let i = 0; i < RUNS; i += 1) {
        const { seconds, result: s } = await timed(() => login(dataDir, ADMIN.username, ADMIN.password, env));
        logins.push(seconds);
        await s.logout();
        raws.push((await timed(rawArgon2)).seconds);
      }
      note(`login runs (s): ${logins.map((s) => s.toFixed(3)).join(' ')}`);
      note(`argon2 runs (s): ${raws.map((s) => s.toFixed(3)).join(' ')}`);
      const value = median(logins);
      const baseline = median(raws);
      return {
        name: 'login',
        value: sig(value),
        unit: 's',
        baseline: `argon2.hash argon2id m=${KDF_FLOOR.m} KiB t=${KDF_FLOOR.t} p=${KDF_FLOOR.p} (median)`,
        baseline_value: sig(baseline),
        ratio: sig(value / baseline, 3),
        n: RUNS,
      };
    }),
};
