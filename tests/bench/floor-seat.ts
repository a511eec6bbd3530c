/**
 * One seat process for the floor benchmarks (forked by ./floor-common.ts with --import tsx,
 * driven over IPC): signs in from its own data directory (its own seat role and certificate),
 * then appends access-log events one transaction at a time, as the app does, for a fixed time.
 * Reports per-append latencies and where each append's time went.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { login } from '../../electron/core/session/unlock';
import type { Session } from '../../electron/core/session/session';
import { FloorVault } from '../../electron/core/vault/floor-vault';
import { testEnv } from '../fixtures/env';
import { startTally, type SeatReply, type SeatReport, type SeatRequest } from './floor-common';

let session: Session | null = null;

const now = (): number => performance.now();
const send = (m: SeatReply): void => void process.send?.(m);
const sleepUntil = (wall: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, wall - Date.now())));

/** CPU this process spends, and statements it sends, from the first append in the window to the end. */
class CpuWindow {
  private start: NodeJS.CpuUsage | null = null;
  private readonly counting = startTally();
  private statementsAtStart = 0;
  enter(): void {
    if (this.start) return;
    this.start = process.cpuUsage();
    this.statementsAtStart = this.counting.tally.count;
  }
  /** Ends the window: CPU ms and statements in it. */
  end(): { cpuMs: number; statements: number } {
    this.counting.stop();
    if (!this.start) return { cpuMs: 0, statements: 0 };
    const d = process.cpuUsage(this.start);
    return { cpuMs: (d.user + d.system) / 1000, statements: this.counting.tally.count - this.statementsAtStart };
  }
}

function emptyReport(): SeatReport {
  return {
    count: 0,
    total: [],
    commit: [],
    begin: [],
    insert: [],
    commitOnly: [],
    hook: [],
    retries: 0,
    cpuMs: 0,
    statements: 0,
    errors: 0,
  };
}

/** Appends 'audit.searched' events (a cheap registered action): logged alone, or each in a transaction of its own. */
async function runApp(
  s: Session,
  alone: boolean,
  startAt: number,
  warmupMs: number,
  measureMs: number,
): Promise<SeatReport> {
  const { vault } = s;
  if (!(vault instanceof FloorVault)) throw new Error('not a floor seat');
  const report = emptyReport();
  const original = vault.db.afterWrite;
  let committedAt = 0;
  // Wraps the vault's after-write hook to see when the commit returned.
  vault.db.afterWrite = async () => {
    committedAt = now();
    if (original) await original();
  };
  await sleepUntil(startAt);
  const from = Date.now() + warmupMs;
  const until = from + measureMs;
  const cpu = new CpuWindow();
  let i = 0;
  try {
    while (Date.now() < until) {
      i += 1;
      if (Date.now() >= from) cpu.enter();
      const event = s.event('audit.searched', 'ok', null, { view: 'log', matched: i % 50 });
      let calls = 0;
      let inAt = 0;
      let outAt = 0;
      const wallStart = Date.now();
      const t0 = now();
      try {
        if (alone) {
          // One statement: no BEGIN, act_as or COMMIT of its own to time apart.
          calls = 1;
          await vault.log(event);
          inAt = t0;
          outAt = committedAt;
        } else
          await vault.db.transaction(async (tx) => {
            calls += 1;
            inAt = now();
            await vault.audit.append(tx, event);
            outAt = now();
          });
      } catch (err) {
        report.errors += 1;
        report.firstError ??= err instanceof Error ? err.message : String(err);
        continue;
      }
      const done = now();
      if (wallStart >= from && Date.now() <= until) {
        report.count += 1;
        report.retries += calls - 1;
        report.total.push(done - t0);
        report.commit.push(committedAt - t0);
        report.begin.push(inAt - t0);
        report.insert.push(outAt - inAt);
        report.commitOnly.push(committedAt - outAt);
        report.hook.push(done - committedAt);
      }
    }
  } finally {
    vault.db.afterWrite = original;
  }
  Object.assign(report, cpu.end());
  return report;
}

/** The same rows as plain single-statement INSERTs (autocommit): no MAC, no chain, no session. */
async function runRaw(
  raw: { config: unknown; table: string },
  startAt: number,
  warmupMs: number,
  measureMs: number,
): Promise<SeatReport> {
  const client = new pg.Client(raw.config as pg.ClientConfig);
  await client.connect();
  const report = emptyReport();
  const text = `INSERT INTO ${raw.table} (epoch, nonce, at, actor, actor_id, seat, action, object, outcome, detail, mac)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`;
  try {
    await sleepUntil(startAt);
    const from = Date.now() + warmupMs;
    const until = from + measureMs;
    const cpu = new CpuWindow();
    let i = 0;
    while (Date.now() < until) {
      i += 1;
      if (Date.now() >= from) cpu.enter();
      const values = [
        1,
        randomBytes(16),
        Date.now(),
        'agent.00',
        2,
        'ABCD-EFGH-JKMN',
        'audit.searched',
        null,
        'ok',
        `{"matched":${i % 50},"view":"log"}`,
        randomBytes(32),
      ];
      const wallStart = Date.now();
      const t0 = now();
      await client.query(text, values);
      const done = now();
      if (wallStart >= from && Date.now() <= until) {
        report.count += 1;
        report.total.push(done - t0);
        report.commit.push(done - t0);
      }
    }
    Object.assign(report, cpu.end());
  } finally {
    await client.end();
  }
  return report;
}

async function handle(m: SeatRequest): Promise<void> {
  try {
    if (m.type === 'login') {
      session = await login(m.dataDir, m.username, m.password, testEnv(undefined, m.machineId));
      send({ type: 'ready' });
    } else if (m.type === 'run') {
      let report: SeatReport;
      if (m.mode === 'raw') {
        if (!m.raw) throw new Error('raw mode needs a connection');
        report = await runRaw(m.raw, m.startAt, m.warmupMs, m.measureMs);
      } else {
        if (!session) throw new Error('not signed in');
        report = await runApp(session, m.mode === 'app', m.startAt, m.warmupMs, m.measureMs);
      }
      send({ type: 'done', report });
    } else {
      const s = session;
      session = null;
      if (s) await s.logout().catch(() => undefined);
      send({ type: 'bye' });
      process.disconnect?.();
      process.exit(0);
    }
  } catch (err) {
    send({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
}

process.on('message', (m: SeatRequest) => void handle(m));
process.on('disconnect', () => process.exit(0));
