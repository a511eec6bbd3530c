/**
 * floor-login: median wall time of login() on a floor seat — TLS connect with the seat's client
 * certificate, auth_begin (a failure committed first), Argon2id (m=64 MiB, t=3, p=4), auth_finish,
 * keyslot and epoch keys, settings, settling the log, the login event — against deriveKek alone
 * with the same parameters. A throwaway cluster, fsync off.
 */
import { deriveKek, newKdfParams, KDF_FLOOR } from '../../electron/core/keyring/kdf';
import { login } from '../../electron/core/session/unlock';
import { ADMIN, testEnv } from '../fixtures/env';
import { freshFloor } from '../fixtures/floor-vault';
import { median, note, sig, timed, type Bench } from './common';
import { tallyStatements, withCluster } from './floor-common';

const RUNS = 9;

export const floorLoginBench: Bench = {
  name: 'floor-login',
  run: () =>
    withCluster('bench-login', async (cluster) => {
      const env = testEnv();
      const floor = await freshFloor(cluster, env);
      try {
        const argon = () => deriveKek(ADMIN.password, newKdfParams());
        // One untimed round of each, so first-call costs (module init, page faults) aren't counted.
        await argon();
        await (await login(floor.dataDir, ADMIN.username, ADMIN.password, env)).logout();
        const logins: number[] = [];
        const raws: number[] = [];
        const statements: number[] = [];
        const statementMs: number[] = [];
        // Interleaved, so a slow patch on the machine hits both sides alike.
        for (let i = 0; i < RUNS; i += 1) {
          const {
            result: { seconds, result: s },
            tally,
          } = await tallyStatements(() => timed(() => login(floor.dataDir, ADMIN.username, ADMIN.password, env)));
          logins.push(seconds);
          statements.push(tally.count);
          statementMs.push(tally.ms);
          await s.logout();
          raws.push((await timed(argon)).seconds);
        }
        note(`floor login runs (s): ${logins.map((s) => s.toFixed(3)).join(' ')}`);
        note(`deriveKek runs (s): ${raws.map((s) => s.toFixed(3)).join(' ')}`);
        note(
          `statements per login: ${statements.join(' ')}; their wall ms: ${statementMs.map((m) => m.toFixed(0)).join(' ')}`,
        );
        const value = median(logins);
        const baseline = median(raws);
        return {
          name: 'floor-login',
          value: sig(value),
          unit: 's',
          baseline: `deriveKek argon2id m=${KDF_FLOOR.m} KiB t=${KDF_FLOOR.t} p=${KDF_FLOOR.p} (median)`,
          baseline_value: sig(baseline),
          ratio: sig(value / baseline, 3),
          n: RUNS,
          /** What sign-in adds to Argon2id: connect, the two server steps, keys, settings, the login event. */
          overhead_s: sig(value - baseline, 3),
          statements: median(statements),
          statements_s: sig(median(statementMs) / 1000, 3),
          min_s: sig(Math.min(...logins), 3),
          max_s: sig(Math.max(...logins), 3),
          fsync: 'off',
          target: 'median <= 1.0 s',
        };
      } finally {
        await floor.cleanup().catch(() => undefined);
      }
    }),
};
