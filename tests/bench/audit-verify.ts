/**
 * audit-verify: events/s of AuditLog.verify over a 1,000,000-event chain in a freshly unlocked
 * vault, against a raw HMAC-SHA256 chain over the same canonical bytes.
 */
import { randomBytes } from 'node:crypto';
import { sql } from '../../electron/core/store/sql';
import { login } from '../../electron/core/session/unlock';
import { ADMIN, freshVault, note, sampleEvent, secondsSince, sig, timed, withTempDir, type Bench } from './common';
import { rawChain } from './audit-append';

const TOTAL = 1_000_000;
/** Events per transaction while building the chain (append splits them into 500-row INSERTs). */
const BUILD_TX = 100_000;
const BASELINE_PAGE = 50_000;

export const auditVerifyBench: Bench = {
  name: 'audit-verify',
  run: () =>
    withTempDir(async (dir) => {
      // Build: createVault + login leave 2 events; logout and the second login add 2 more.
      const built = process.hrtime.bigint();
      const first = await freshVault(dir);
      const { dataDir, env } = first;
      {
        const { db, audit, seatId } = first.session.vault;
        const at0 = first.session.vault.now();
        const target = TOTAL - 4;
        for (let i = 0; i < target; i += BUILD_TX) {
          const batch = Array.from({ length: Math.min(BUILD_TX, target - i) }, (_, k) =>
            sampleEvent(i + k, seatId, at0),
          );
          await db.transaction((tx) => audit.append(tx, ...batch));
        }
        await first.session.logout();
      }
      const buildSeconds = secondsSince(built);
      note(`built ${TOTAL} events in ${buildSeconds.toFixed(1)} s`);

      // Verify in a fresh session, as an IT user would: cold database cache, warm OS cache.
      const session = await login(dataDir, ADMIN.username, ADMIN.password, env);
      const { db, audit } = session.vault;
      const { seconds, result: report } = await timed(() => audit.verify(db));
      if (!report.intact || report.checked !== TOTAL) throw new Error(`verify: ${JSON.stringify(report)}`);

      // Baseline: the same canonical bytes, read back untimed a page at a time, MACed raw.
      // json_array writes exactly canonicalEvent's JSON.stringify text (and the verify above
      // just matched every stored MAC over these bytes), so no JS row objects are needed.
      const key = randomBytes(32);
      let prev: Buffer = randomBytes(32);
      let baseSeconds = 0;
      for (let from = 1; from <= report.headSeq; from += BASELINE_PAGE) {
        const page = await db.get<{ text: string | null }>(
          sql`SELECT group_concat(json_array(seq, at, actor, actor_id, seat, action, object, outcome, detail), char(10)) AS text
              FROM audit_events WHERE seq >= ${from} AND seq < ${from + BASELINE_PAGE}`,
        );
        if (!page?.text) continue;
        const bytes = page.text.split('\n').map((line) => Buffer.from(line, 'utf8'));
        const chain = await timed(() => rawChain(key, prev, bytes));
        prev = chain.result;
        baseSeconds += chain.seconds;
      }
      await session.logout();

      const value = report.checked / seconds;
      const baseline = report.checked / baseSeconds;
      note(`verify ${seconds.toFixed(3)} s, raw HMAC chain ${baseSeconds.toFixed(3)} s`);
      return {
        name: 'audit-verify',
        value: sig(value),
        unit: 'events/s',
        baseline: 'node:crypto createHmac(sha256) chain over the same canonical bytes',
        baseline_value: sig(baseline),
        ratio: sig(value / baseline, 3),
        n: report.checked,
        seconds: sig(seconds),
        build_seconds: sig(buildSeconds, 3),
      };
    }),
};
