/**
 * floor-verify: events/s of AuditLog.verify over a 1,000,000-event chain on a floor (a throwaway
 * cluster, fsync off), through a freshly signed-in IT session over TLS, against a raw
 * HMAC-SHA256 chain over the same canonical bytes in JS (as audit-verify does for SQLite).
 *
 * Building a million events through the app's append and chaining rounds would take minutes, so
 * the chain is computed here with the session's own chain step (AuditLog.hashAt, what the
 * sequencer uses) and the rows are bulk-inserted as the floor's owner: the same rows the
 * sequencer would write (seq, the chained bytes, the hash), minus pending_id.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { registeredOnly, type AuditLog } from '../../electron/core/audit/audit-log';
import type { VerifyReport } from '../../shared/contract/audit';
import { verifyPage } from '../../electron/core/audit/verify-page';
import { canonicalEvent, canonicalJson, wellFormed, type AuditRecord } from '../../electron/core/audit/chain';
import { sealEvent } from '../../electron/core/audit/sealed-events';
import { floorRoles } from '../../electron/core/floor/floor-roles';
import { login } from '../../electron/core/session/unlock';
import { sql } from '../../electron/core/store/sql';
import { ADMIN, testEnv } from '../fixtures/env';
import { freshFloor } from '../fixtures/floor-vault';
import { quoteIdent } from '../fixtures/pg-cluster';
import { rawChain } from './audit-append';
import { note, sampleEvent, secondsSince, sig, timed, type Bench } from './common';
import { serverCpuMs, withCluster } from './floor-common';

const TOTAL = Number(process.env.STRONGROOM_BENCH_EVENTS ?? 1_000_000);
const CHUNK = 10_000;
/** The page size AuditLog.verify reads (VERIFY_PAGE in audit-log.ts). */
const FETCH_PAGE = 10_000;
const VERIFY_RUNS = 3;

/** Inserts one chunk of chained rows in one statement (arrays unnested on the server). */
async function insertChunk(client: pg.Client, records: readonly AuditRecord[], hashes: readonly Buffer[]) {
  await client.query(
    `INSERT INTO strongroom.audit_log (seq, chained, hash)
     SELECT seq, chained, decode(hash, 'hex') FROM unnest($1::bigint[], $2::text[], $3::text[]) AS r(seq, chained, hash)`,
    [records.map((r) => r.seq), records.map(canonicalEvent), hashes.map((h) => h.toString('hex'))],
  );
}

export const floorVerifyBench: Bench = {
  name: 'floor-verify',
  run: () =>
    withCluster('bench-verify', async (cluster) => {
      const env = testEnv();
      const floor = await freshFloor(cluster, env);
      const owner = new pg.Client(cluster.connection(floor.database));
      try {
        // Build: IT signs in (the events so far: vault.created, login.ok), then the rest is loaded.
        const built = process.hrtime.bigint();
        const first = await login(floor.dataDir, ADMIN.username, ADMIN.password, env);
        const { db, seatId } = first.vault;
        const audit: AuditLog = first.vault.audit;
        await first.vault.settleLog();
        let { seq, hash } = await audit.head(db);
        const at0 = first.vault.now();
        await owner.connect();
        await owner.query(`SET ROLE ${quoteIdent(floorRoles(floor.database).owner)}`);
        // Baseline material: the same canonical bytes, MACed raw, timed apart from everything else.
        const baseKey = randomBytes(32);
        let basePrev: Buffer = randomBytes(32);
        let baseSeconds = 0;
        let loaded = 0;
        // The logout event comes after the load: leave it one seq.
        const target = TOTAL - 1;
        while (seq < target) {
          const records: AuditRecord[] = [];
          const hashes: Buffer[] = [];
          const bytes: Buffer[] = [];
          for (let k = 0; k < CHUNK && seq < target; k += 1) {
            seq += 1;
            // As append stores it: checked, then its names and typed text sealed (docs/field-seal.md).
            const e = sealEvent(db.fields, registeredOnly(sampleEvent(seq, seatId, at0)));
            const record: AuditRecord = {
              seq,
              at: e.at,
              actor: wellFormed(e.actor),
              actorId: e.actorId,
              seat: wellFormed(e.seat),
              action: e.action,
              object: wellFormed(e.object ?? null),
              outcome: e.outcome,
              detail: canonicalJson(e.detail ?? {}),
            };
            hash = audit.hashAt(seq, hash, record);
            records.push(record);
            hashes.push(hash);
            bytes.push(Buffer.from(canonicalEvent(record), 'utf8'));
          }
          const chain = await timed(() => rawChain(baseKey, basePrev, bytes));
          basePrev = chain.result;
          baseSeconds += chain.seconds;
          await insertChunk(owner, records, hashes);
          loaded += records.length;
          if (seq % 200_000 < CHUNK) note(`loaded ${seq} events`);
        }
        await owner.query('RESET ROLE');
        await first.logout();
        await owner.query('VACUUM ANALYZE strongroom.audit_log');
        const buildSeconds = secondsSince(built);
        note(`built ${TOTAL} events in ${buildSeconds.toFixed(1)} s`);

        // Verify in a fresh session, as an IT user would: a new connection, warm OS cache.
        const session = await login(floor.dataDir, ADMIN.username, ADMIN.password, env);
        try {
          await session.vault.settleLog();
          // Verify is a few seconds on a machine shared with the server: the median of three runs.
          const runs: { seconds: number; report: VerifyReport; clientSeconds: number; serverSeconds: number }[] = [];
          for (let run = 0; run < VERIFY_RUNS; run += 1) {
            const cpu0 = process.cpuUsage();
            const server0 = serverCpuMs(cluster.dataDir);
            const { seconds, result } = await timed(() => session.vault.audit.verify(session.vault.db));
            const cpu = process.cpuUsage(cpu0);
            if (!result.intact || result.checked < TOTAL) throw new Error(`verify: ${JSON.stringify(result)}`);
            runs.push({
              seconds,
              report: result,
              clientSeconds: (cpu.user + cpu.system) / 1e6,
              serverSeconds: (serverCpuMs(cluster.dataDir) - server0) / 1000,
            });
          }
          const { seconds, report, clientSeconds, serverSeconds } = [...runs].sort((a, b) => a.seconds - b.seconds)[
            Math.floor(VERIFY_RUNS / 2)
          ]!;
          const value = report.checked / seconds;
          // The raw chain covered the loaded events (all but the few the app wrote): a rate.
          const rawRate = loaded / baseSeconds;
          note(
            `verify ${runs.map((r) => r.seconds.toFixed(3)).join(', ')} s (${report.checked} events; median ${seconds.toFixed(3)} s), raw HMAC chain ${baseSeconds.toFixed(3)} s`,
          );
          note(
            `  CPU during the median verify: this process ${clientSeconds.toFixed(2)} s, the server ${serverSeconds.toFixed(2)} s`,
          );
          // What reading alone costs: the same pages of stored rows, through the session, no MAC.
          const fetch = await timed(async () => {
            for (let from = 1; from <= report.headSeq; from += FETCH_PAGE)
              await session.vault.db.all(
                sql`SELECT seq, chained, hash FROM audit_log WHERE seq >= ${from} AND seq < ${from + FETCH_PAGE} ORDER BY seq`,
              );
          });
          note(`  reading the rows alone (pages of ${FETCH_PAGE}, one at a time): ${fetch.seconds.toFixed(3)} s`);
          // What verify's own pages cost to build and fetch, one at a time, no MAC.
          const pagesServer0 = serverCpuMs(cluster.dataDir);
          const pages = await timed(async () => {
            for (let from = 1; from <= report.headSeq; from += FETCH_PAGE)
              await verifyPage(session.vault.db, from, from + FETCH_PAGE);
          });
          const pagesServer = (serverCpuMs(cluster.dataDir) - pagesServer0) / 1000;
          note(`  verify's pages alone: ${pages.seconds.toFixed(3)} s, the server's CPU ${pagesServer.toFixed(2)} s`);
          return {
            name: 'floor-verify',
            value: sig(value),
            unit: 'events/s',
            baseline: 'node:crypto createHmac(sha256) chain over the same canonical bytes',
            baseline_value: sig(rawRate),
            ratio: sig(value / rawRate, 3),
            n: report.checked,
            seconds: sig(seconds),
            runs_seconds: runs.map((r) => sig(r.seconds)),
            client_cpu_s: sig(clientSeconds, 3),
            server_cpu_s: sig(serverSeconds, 3),
            fetch_only_events_per_s: sig(report.headSeq / fetch.seconds),
            pages_only_events_per_s: sig(report.headSeq / pages.seconds),
            pages_only_server_cpu_s: sig(pagesServer, 3),
            build_seconds: sig(buildSeconds, 3),
            fsync: 'off',
            target: 'ratio >= 0.5',
          };
        } finally {
          await session.logout().catch(() => undefined);
        }
      } finally {
        await owner.end().catch(() => undefined);
        await floor.cleanup().catch(() => undefined);
      }
    }),
};
