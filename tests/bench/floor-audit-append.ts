/**
 * floor-audit-append: 16 seat processes (each its own seat role, certificate and data
 * directory; each signed in as its own agent) log access-log events that come with no other
 * change, one at a time as the app does (one audit_append statement), for a fixed time on a
 * throwaway cluster (fsync off). Sustained events/s and
 * per-append latency, then the chain is settled and verified through IT's session.
 * Baselines in the same run: one seat alone on the same server, and plain INSERTs of
 * equivalent rows by the same 16 processes (no MAC, no chain, no app session) — the ratio.
 * Also: where each append's time goes, CPU per append on each side, statements per append, and
 * a phase with each event in a transaction of its own (BEGIN and act_as, INSERT, COMMIT), as an
 * action's event is written with the action.
 * Knobs for development: STRONGROOM_BENCH_SEATS, STRONGROOM_BENCH_SECONDS, STRONGROOM_BENCH_PROFILE=0,
 * STRONGROOM_BENCH_CPU_PROF=<dir> (a V8 CPU profile of each seat process).
 */
import os from 'node:os';
import type { Session } from '../../electron/core/session/session';
import { sql } from '../../electron/core/store/sql';
import type { PgCluster } from '../fixtures/pg-cluster';
import { note, secondsSince, sig, type Bench } from './common';
import {
  floorWithAgents,
  machineCpuMs,
  merge,
  percentile,
  Seat,
  serverCpuMs,
  withCluster,
  type SeatReport,
  type SeatRequest,
} from './floor-common';

const SEATS = Number(process.env.STRONGROOM_BENCH_SEATS ?? 16);
const WARMUP_MS = 3_000;
const MEASURE_MS = Number(process.env.STRONGROOM_BENCH_SECONDS ?? 20) * 1000;
const BASELINE_MS = Math.min(MEASURE_MS, 10_000);
/** The in-transaction phase (STRONGROOM_BENCH_PROFILE=0 skips it). */
const PROFILE = process.env.STRONGROOM_BENCH_PROFILE !== '0';

const RAW_TABLE = 'bench_raw';

async function stats(cluster: PgCluster, database: string) {
  const { rows } = await cluster.query<{ commits: string; rollbacks: string; conflicts: string; deadlocks: string }>(
    'postgres',
    `SELECT xact_commit AS commits, xact_rollback AS rollbacks, conflicts, deadlocks FROM pg_stat_database WHERE datname = $1`,
    [database],
  );
  const r = rows[0]!;
  return { commits: Number(r.commits), rollbacks: Number(r.rollbacks), deadlocks: Number(r.deadlocks) };
}

async function backlog(cluster: PgCluster, database: string): Promise<number> {
  const { rows } = await cluster.query<{ n: string }>(
    database,
    `SELECT count(*) AS n FROM strongroom.audit_pending p
      WHERE NOT EXISTS (SELECT 1 FROM strongroom.audit_events e WHERE e.pending_id = p.id)`,
  );
  return Number(rows[0]!.n);
}

interface Phase {
  merged: SeatReport;
  perSecond: number;
  /**
   * CPU in the window: ms per append in the seat processes and in the server, and how many of
   * the machine's cores were busy (everyone's work: the machine is shared) and how many were ours.
   */
  cpu: { seats_ms: number; server_ms: number; ours_cores: number; machine_busy_cores: number; cores: number };
}

/** Runs one phase on `seats` together (a shared start time): the merged report, events/s and CPU. */
async function phase(
  label: string,
  cluster: PgCluster,
  seats: readonly Seat[],
  run: Omit<Extract<SeatRequest, { type: 'run' }>, 'type' | 'startAt'>,
): Promise<Phase> {
  const startAt = Date.now() + 500;
  const sample = () => ({ at: Date.now(), machine: machineCpuMs(), server: serverCpuMs(cluster.dataDir) });
  const at = (wall: number) =>
    new Promise<ReturnType<typeof sample>>((resolve) =>
      setTimeout(() => resolve(sample()), Math.max(0, wall - Date.now())),
    );
  const first = at(startAt + run.warmupMs);
  const last = at(startAt + run.warmupMs + run.measureMs);
  const reports = await Promise.all(seats.map((s) => s.run({ type: 'run', startAt, ...run })));
  const [a, b] = await Promise.all([first, last]);
  const merged = merge(reports);
  const perSecond = merged.count / (run.measureMs / 1000);
  const per = (x: number) => sig(x / Math.max(1, merged.count), 3);
  const cores = os.cpus().length;
  const wall = b.at - a.at;
  const cpu = {
    seats_ms: per(merged.cpuMs),
    server_ms: per(b.server - a.server),
    ours_cores: sig((merged.cpuMs + b.server - a.server) / wall, 2),
    machine_busy_cores: sig((b.machine.busy - a.machine.busy) / wall, 2),
    cores,
  };
  note(
    `${label}: ${merged.count} appends in ${run.measureMs / 1000} s = ${perSecond.toFixed(0)}/s, ` +
      `p50 ${percentile(merged.total, 50).toFixed(2)} ms, p99 ${percentile(merged.total, 99).toFixed(2)} ms` +
      (merged.errors ? `, ${merged.errors} errors (${merged.firstError})` : ''),
  );
  if (run.mode !== 'raw')
    note(
      `  p50 ms: begin+act_as ${percentile(merged.begin, 50).toFixed(2)}, insert ${percentile(merged.insert, 50).toFixed(2)}, ` +
        `commit ${percentile(merged.commitOnly, 50).toFixed(2)}, hook ${percentile(merged.hook, 50).toFixed(2)}; ` +
        `p99 ms: begin ${percentile(merged.begin, 99).toFixed(2)}, insert ${percentile(merged.insert, 99).toFixed(2)}, ` +
        `commit ${percentile(merged.commitOnly, 99).toFixed(2)}, hook ${percentile(merged.hook, 99).toFixed(2)}; ` +
        `retries ${merged.retries}; statements per append ${(merged.statements / Math.max(1, merged.count)).toFixed(1)}`,
    );
  note(
    `  CPU ms per append: seats ${cpu.seats_ms}, server ${cpu.server_ms}; cores busy: ours ${cpu.ours_cores}, ` +
      `whole machine ${cpu.machine_busy_cores} of ${cores} (window ${(wall / 1000).toFixed(1)} s, sampled late by ` +
      `${a.at - (startAt + run.warmupMs)} and ${b.at - (startAt + run.warmupMs + run.measureMs)} ms)`,
  );
  return { merged, perSecond, cpu };
}

const ms = (sorted: readonly number[], p: number): number => sig(percentile(sorted, p), 3);

async function settle(it: Session): Promise<number> {
  const start = process.hrtime.bigint();
  await it.vault.settleLog();
  return secondsSince(start);
}

export const floorAuditAppendBench: Bench = {
  name: 'floor-audit-append',
  run: () =>
    withCluster('bench-append', async (cluster) => {
      const setup = process.hrtime.bigint();
      const { floor, it, agents } = await floorWithAgents(cluster, SEATS);
      const seats: Seat[] = [];
      try {
        for (const a of agents) seats.push(new Seat(a.username));
        // Two sign-ins at a time: each is an Argon2id of 64 MiB on 4 lanes.
        for (let i = 0; i < seats.length; i += 2)
          await Promise.all(
            seats.slice(i, i + 2).map((s, k) => {
              const a = agents[i + k]!;
              return s.ask({
                type: 'login',
                dataDir: a.dataDir,
                username: a.username,
                password: a.password,
                machineId: a.machineId,
              });
            }),
          );
        note(`floor, ${SEATS} accounts and seats signed in: ${secondsSince(setup).toFixed(1)} s`);

        // Baseline 1: one seat alone on the same server.
        const one = await phase('1 seat', cluster, seats.slice(0, 1), {
          mode: 'app',
          warmupMs: 2_000,
          measureMs: BASELINE_MS,
        });
        await settle(it);

        // The measurement: every seat at once.
        const before = await stats(cluster, floor.database);
        const all = await phase(`${SEATS} seats`, cluster, seats, {
          mode: 'app',
          warmupMs: WARMUP_MS,
          measureMs: MEASURE_MS,
        });
        const after = await stats(cluster, floor.database);
        const left = await backlog(cluster, floor.database);
        const settleSeconds = await settle(it);
        note(`left unchained when the seats stopped: ${left}; settleLog took ${settleSeconds.toFixed(3)} s`);

        let inTransaction: Phase | null = null;
        if (PROFILE) {
          inTransaction = await phase(`${SEATS} seats, each event in a transaction`, cluster, seats, {
            mode: 'in-transaction',
            warmupMs: WARMUP_MS,
            measureMs: BASELINE_MS,
          });
          const s = await settle(it);
          note(`  settleLog after the in-transaction phase: ${s.toFixed(3)} s`);
        }

        // Baseline 2: the same processes, plain INSERTs of equivalent rows as the superuser over TLS.
        await cluster.query('postgres', 'CREATE DATABASE bench_raw');
        await cluster.query(
          'bench_raw',
          `CREATE TABLE ${RAW_TABLE} (
             id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
             xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
             epoch bigint NOT NULL, nonce bytea NOT NULL UNIQUE, at bigint NOT NULL,
             actor text, actor_id bigint, seat text, action text NOT NULL, object text,
             outcome text NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),
             detail text NOT NULL, mac bytea NOT NULL);
           CREATE INDEX ON ${RAW_TABLE} (xid)`,
        );
        const config = cluster.tlsConnection('bench_raw', 'postgres', await cluster.clientCertificate('postgres'));
        const raw = await phase(`${SEATS} plain INSERT clients`, cluster, seats, {
          mode: 'raw',
          warmupMs: 2_000,
          measureMs: BASELINE_MS,
          raw: { config, table: RAW_TABLE },
        });

        // The chain, verified through IT's session once everything is chained.
        await settle(it);
        const verifyStart = process.hrtime.bigint();
        const report = await it.vault.audit.verify(it.vault.db);
        const verifySeconds = secondsSince(verifyStart);
        const pending = await backlog(cluster, floor.database);
        const pendingTotal = await it.vault.db.get<{ n: number }>(sql`SELECT count(*) AS n FROM audit_pending`);
        note(`verify: ${JSON.stringify(report)} in ${verifySeconds.toFixed(2)} s; unchained pending rows: ${pending}`);

        const { merged } = all;
        return {
          name: 'floor-audit-append',
          value: sig(all.perSecond),
          unit: 'events/s',
          baseline: `plain single-row INSERTs of equivalent rows (no MAC, chain or app session), same ${SEATS} processes, superuser over TLS`,
          baseline_value: sig(raw.perSecond),
          ratio: sig(all.perSecond / raw.perSecond, 3),
          n: merged.count,
          seats: SEATS,
          seconds: MEASURE_MS / 1000,
          fsync: 'off',
          p50_ms: ms(merged.total, 50),
          p99_ms: ms(merged.total, 99),
          commit_p50_ms: ms(merged.commit, 50),
          commit_p99_ms: ms(merged.commit, 99),
          parts_p50_ms: { audit_append: ms(merged.insert, 50), after_write_hook: ms(merged.hook, 50) },
          cpu_ms_per_event: all.cpu,
          raw_cpu_ms_per_event: raw.cpu,
          statements_per_event: sig(merged.statements / Math.max(1, merged.count), 3),
          serialization_retries: merged.retries,
          errors: merged.errors,
          server_commits: after.commits - before.commits,
          server_rollbacks: after.rollbacks - before.rollbacks,
          unchained_at_stop: left,
          settle_seconds: sig(settleSeconds, 3),
          one_seat_events_per_s: sig(one.perSecond),
          one_seat_p50_ms: ms(one.merged.total, 50),
          one_seat_p99_ms: ms(one.merged.total, 99),
          raw_p50_ms: ms(raw.merged.total, 50),
          raw_p99_ms: ms(raw.merged.total, 99),
          ...(inTransaction
            ? {
                in_transaction_events_per_s: sig(inTransaction.perSecond),
                in_transaction_p50_ms: ms(inTransaction.merged.total, 50),
                in_transaction_p99_ms: ms(inTransaction.merged.total, 99),
                in_transaction_statements_per_event: sig(
                  inTransaction.merged.statements / Math.max(1, inTransaction.merged.count),
                  3,
                ),
                in_transaction_cpu_ms_per_event: inTransaction.cpu,
              }
            : {}),
          chain_intact: report.intact && pending === 0,
          chain_checked: report.checked,
          pending_rows: pendingTotal?.n ?? 0,
          target: '>= 1500 events/s, p99 <= 50 ms',
        };
      } finally {
        await Promise.all(seats.map((s) => s.close()));
        await it.logout().catch(() => undefined);
        await floor.cleanup().catch(() => undefined);
      }
    }),
};
