/** Shared helpers for the benchmarks: timing, temp vaults, and the one-line JSON result. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createVault } from '../../electron/core/vault/create-vault';
import { login } from '../../electron/core/session/unlock';
import type { NewEvent } from '../../electron/core/audit/audit-log';
import type { Session } from '../../electron/core/session/session';
import { ADMIN, testEnv } from '../fixtures/env';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline: string;
  baseline_value: number;
  ratio: number;
  n: number;
  [extra: string]: unknown;
}

export interface Bench {
  name: string;
  run(): Promise<BenchResult>;
}

/** Seconds elapsed since `start` (a process.hrtime.bigint() reading). */
export function secondsSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

export async function timed<T>(work: () => Promise<T> | T): Promise<{ seconds: number; result: T }> {
  const start = process.hrtime.bigint();
  const result = await work();
  return { seconds: secondsSince(start), result };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Rounds to a few significant figures so the JSON line stays readable. */
export function sig(value: number, digits = 4): number {
  return Number(value.toPrecision(digits));
}

/** Progress goes to stderr; stdout carries only the JSON result lines. */
export function note(message: string): void {
  process.stderr.write(`  [bench] ${message}\n`);
}

export async function withTempDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'strongroom-bench-'));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A fresh vault in `dir` (created, then unlocked once) and its session. */
export async function freshVault(
  dir: string,
): Promise<{ dataDir: string; session: Session; env: ReturnType<typeof testEnv> }> {
  const dataDir = path.join(dir, 'vault');
  const env = testEnv();
  await createVault(dataDir, ADMIN, env);
  const session = await login(dataDir, ADMIN.username, ADMIN.password, env);
  return { dataDir, session, env };
}

export { ADMIN };

const ACTORS = ['agent.lopez', 'agent.okafor', 'agent.nguyen', 'lead.schmidt', 'it.chen'] as const;

/** Registered actions (shared/audit-actions.ts) with details of realistic size, in rotation. */
const KINDS: readonly ((i: number, who: string) => Pick<NewEvent, 'action' | 'object' | 'detail'>)[] = [
  () => ({ action: 'login.ok', object: null, detail: { role: 'agent_phone', passwordChange: null } }),
  () => ({ action: 'account.list', object: null, detail: { permission: 'account.read' } }),
  (i, who) => ({ action: 'seat.bound', object: who, detail: { seat: 'ABCD-EFGH-JKMN', alreadyBound: i % 2 === 0 } }),
  (i) => ({ action: 'ledger.generated', object: '2026-11-23', detail: { accounts: 120, changes: i % 40 } }),
  (_i, who) => ({
    action: 'account.reset',
    object: who,
    detail: { reason: 'forgot password, identity checked by phone' },
  }),
];

/** A realistic access-log event, the same for the same `i`. */
export function sampleEvent(i: number, seat: string, at0: number): NewEvent {
  const who = i % ACTORS.length;
  return {
    at: at0 + i * 250,
    actor: ACTORS[who]!,
    actorId: who + 2,
    seat,
    outcome: i % 97 === 0 ? 'denied' : 'ok',
    ...KINDS[i % KINDS.length]!(i, ACTORS[(i + 1) % ACTORS.length]!),
  };
}
