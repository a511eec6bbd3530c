/**
 * Shared by the floor benchmarks: a throwaway PostgreSQL cluster per benchmark (TLS, client
 * certificates; fsync off unless asked), a floor on it with agent accounts IT added through the
 * app, and the seat processes (./floor-seat.ts) that sign in and write as workstations do.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { addAccount } from '../../electron/core/accounts/account-admin';
import { changePolicy } from '../../electron/core/policy/policy-admin';
import { login } from '../../electron/core/session/unlock';
import type { Session } from '../../electron/core/session/session';
import { ADMIN, testEnv } from '../fixtures/env';
import { freshFloor, type TestFloor } from '../fixtures/floor-vault';
import { startCluster, type PgCluster } from '../fixtures/pg-cluster';
import { note } from './common';

/** Starts a cluster for one benchmark and always tears it down (stop, delete its files). */
export async function withCluster<T>(
  name: string,
  work: (cluster: PgCluster) => Promise<T>,
  options: { durable?: boolean } = {},
): Promise<T> {
  const cluster = await startCluster({ tls: true, name, durable: options.durable ?? false });
  note(`cluster ${cluster.name} on port ${cluster.port} (fsync ${options.durable ? 'on' : 'off'})`);
  try {
    return await work(cluster);
  } finally {
    await cluster.destroy();
  }
}

/** The machine id of the IT seat freshFloor admits (testEnv's default). */
export const IT_MACHINE = 'machine-a';

export interface Agent {
  username: string;
  password: string;
  machineId: string;
  /** A data directory of its own: floor.json, its seat role's certificate. */
  dataDir: string;
}

export interface BenchFloor {
  floor: TestFloor;
  /** IT, signed in at the first seat. */
  it: Session;
  agents: Agent[];
}

/**
 * A floor with IT signed in and `agents` agent accounts, each with a seat of its own. Seat
 * binding is set to 'off' by IT first (as a site would for hot-desking), so any agent may sign
 * in at any admitted seat. Each agent's keyslot costs one Argon2id.
 */
export async function floorWithAgents(
  cluster: PgCluster,
  agents: number,
  names: (i: number) => { username: string; displayName?: string } = (i) => ({
    username: `agent.${String(i).padStart(2, '0')}`,
  }),
): Promise<BenchFloor> {
  const env = testEnv();
  const floor = await freshFloor(cluster, env);
  try {
    const it = await login(floor.dataDir, ADMIN.username, ADMIN.password, env);
    await changePolicy(it, { seatBinding: 'off' }, 'benchmark floor: hot-desking');
    const out: Agent[] = [];
    for (let i = 0; i < agents; i += 1) {
      const { username, displayName } = names(i);
      const password = `Seat${i}Bench2026word`;
      await addAccount(it, { username, displayName, role: 'agent_phone', password });
      const machineId = `bench-seat-${i}`;
      out.push({ username, password, machineId, dataDir: await floor.seatDir(machineId) });
    }
    return { floor, it, agents: out };
  } catch (err) {
    await floor.cleanup().catch(() => undefined);
    throw err;
  }
}

/** Percentile (nearest rank) of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

// --- Seat processes --------------------------------------------------------------------------

/** What a seat process measured in one phase (./floor-seat.ts). */
export interface SeatReport {
  /** Appends whose call returned inside the measured window. */
  count: number;
  /** Per append in the window, ms: the whole call (what the app waits for, the after-write hook included). */
  total: number[];
  /** ms from the call to its COMMIT returning (before the after-write hook). */
  commit: number[];
  /** ms spent in: pool + BEGIN + act_as, the INSERT, COMMIT, the after-write hook (per append). */
  begin: number[];
  insert: number[];
  commitOnly: number[];
  hook: number[];
  /** Transactions run again after a serialization failure. */
  retries: number;
  /** CPU ms this process used in the measured window (user + system). */
  cpuMs: number;
  /** Statements this process sent in the window (each a round trip): appends, hooks, sweeps. */
  statements: number;
  errors: number;
  firstError?: string;
}

export type SeatRequest =
  | { type: 'login'; dataDir: string; username: string; password: string; machineId: string }
  | {
      type: 'run';
      /**
       * app: an event with no other change, as the app logs one (one statement, audit_append);
       * in-transaction: an event in a transaction of its own (BEGIN and act_as, INSERT, COMMIT), as
       * an action's event is written; raw: plain INSERTs.
       */
      mode: 'app' | 'in-transaction' | 'raw';
      startAt: number;
      warmupMs: number;
      measureMs: number;
      raw?: { config: unknown; table: string };
    }
  | { type: 'logout' };

export type SeatReply =
  { type: 'ready' } | { type: 'done'; report: SeatReport } | { type: 'error'; message: string } | { type: 'bye' };

/** One seat process (node --import tsx ./floor-seat.ts), driven over IPC. */
export class Seat {
  private readonly child: ChildProcess;
  private readonly replies: SeatReply[] = [];
  private waiting: ((r: SeatReply) => void) | null = null;
  private exited = false;

  constructor(readonly label: string) {
    this.child = fork(path.join(import.meta.dirname, 'floor-seat.ts'), [], {
      // STRONGROOM_BENCH_CPU_PROF=<dir>: a V8 CPU profile of each seat, for finding where its time goes.
      execArgv: [
        '--import',
        'tsx',
        ...(process.env.STRONGROOM_BENCH_CPU_PROF
          ? ['--cpu-prof', `--cpu-prof-dir=${process.env.STRONGROOM_BENCH_CPU_PROF}`]
          : []),
      ],
      // The seat's own output is progress: stderr, never the JSON lines on stdout.
      stdio: ['ignore', 2, 2, 'ipc'],
    });
    this.child.on('message', (m: SeatReply) => {
      if (this.waiting) {
        const w = this.waiting;
        this.waiting = null;
        w(m);
      } else this.replies.push(m);
    });
    this.child.on('exit', (code) => {
      this.exited = true;
      const w = this.waiting;
      this.waiting = null;
      w?.({ type: 'error', message: `seat ${label} exited (${code})` });
    });
  }

  private next(): Promise<SeatReply> {
    const r = this.replies.shift();
    if (r) return Promise.resolve(r);
    if (this.exited) return Promise.resolve({ type: 'error', message: `seat ${this.label} has exited` });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  async ask(request: SeatRequest): Promise<SeatReply> {
    this.child.send(request);
    const reply = await this.next();
    if (reply.type === 'error') throw new Error(`seat ${this.label}: ${reply.message}`);
    return reply;
  }

  async run(request: Extract<SeatRequest, { type: 'run' }>): Promise<SeatReport> {
    const reply = await this.ask(request);
    if (reply.type !== 'done') throw new Error(`seat ${this.label}: unexpected ${reply.type}`);
    return reply.report;
  }

  /** Signs out (if signed in) and waits for the process to end; kills it if it doesn't. */
  async close(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    try {
      this.child.send({ type: 'logout' } satisfies SeatRequest);
    } catch {
      // already gone
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await gone;
    clearTimeout(timer);
  }
}

/** All seats' reports as one: counts added, latency samples merged and sorted. */
export function merge(reports: readonly SeatReport[]): SeatReport {
  const cat = (k: 'total' | 'commit' | 'begin' | 'insert' | 'commitOnly' | 'hook') =>
    reports.flatMap((r) => r[k]).sort((a, b) => a - b);
  const firstError = reports.find((r) => r.firstError)?.firstError;
  return {
    count: reports.reduce((n, r) => n + r.count, 0),
    total: cat('total'),
    commit: cat('commit'),
    begin: cat('begin'),
    insert: cat('insert'),
    commitOnly: cat('commitOnly'),
    hook: cat('hook'),
    retries: reports.reduce((n, r) => n + r.retries, 0),
    cpuMs: reports.reduce((n, r) => n + r.cpuMs, 0),
    statements: reports.reduce((n, r) => n + r.statements, 0),
    errors: reports.reduce((n, r) => n + r.errors, 0),
    ...(firstError ? { firstError } : {}),
  };
}

// --- CPU accounting (Linux /proc) -----------------------------------------------------------

const TICK_MS = 10; // USER_HZ is 100 on Linux

function ticksOf(stat: string): { ppid: number; ticks: number; reaped: number } {
  // "pid (comm) state ppid …": comm may hold spaces, so split after the last ')'.
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]), reaped: Number(f[13]) + Number(f[14]) };
}

/**
 * CPU ms used so far by the cluster in `dataDir`: the postmaster, its live children (backends,
 * walwriter, …) and the children it has already reaped (backends that ended). Synchronous reads:
 * on a loaded machine, hundreds of queued async reads would make the sample late.
 */
export function serverCpuMs(dataDir: string): number {
  const pid = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // ended meanwhile
    }
    const t = ticksOf(stat);
    if (Number(entry) === pid) ticks += t.ticks + t.reaped;
    else if (t.ppid === pid) ticks += t.ticks;
  }
  return ticks * TICK_MS;
}

/** Busy and total CPU ms of the whole machine so far (every core, everyone's work). */
export function machineCpuMs(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: (total - idle) * TICK_MS, total: total * TICK_MS };
}

// --- Statement accounting ----------------------------------------------------------------------

export interface StatementTally {
  /** Statements sent (each one round trip), and the wall ms from sending each to its result. */
  count: number;
  ms: number;
}

/**
 * Counts the statements this process sends through node-postgres while `work` runs, by wrapping
 * Client#query for that time (promise calls only: what PgStore uses). Measurement only.
 */
export async function tallyStatements<T>(work: () => Promise<T>): Promise<{ result: T; tally: StatementTally }> {
  const { tally, stop } = startTally();
  try {
    return { result: await work(), tally };
  } finally {
    stop();
  }
}

/** The same, open-ended: the tally grows until stop(). */
export function startTally(): { tally: StatementTally; stop: () => void } {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  const tally: StatementTally = { count: 0, ms: 0 };
  proto.query = function (this: unknown, ...args: unknown[]) {
    const started = performance.now();
    const out = original.apply(this, args);
    if (out instanceof Promise) {
      tally.count += 1;
      void out.then(
        () => (tally.ms += performance.now() - started),
        () => (tally.ms += performance.now() - started),
      );
    } else if (typeof args.at(-1) === 'function') tally.count += 1; // a Pool's query passes a callback
    return out;
  };
  return { tally, stop: () => void (proto.query = original) };
}
