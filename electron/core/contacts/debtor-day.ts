/**
 * What the rules need to know of a debtor today, read from the contact tables: counts across all
 * their cases and agents (reset at 00:00 Asia/Shanghai), the open call on their line, whether they
 * are 失联, whether a third party refused, and a lead's overrides for the case.
 */
import { CALL_OPEN_MINUTES, INVALID_NUMBER_CODES, type OverridableRule } from '../../../shared/conduct';
import { sql } from '../store/sql';
import type { Queryable } from '../store/store';

export interface DebtorCounters {
  /** Outbound calls that reached the debtor today (a corrected record counts as corrected). */
  reached: number;
  /** Outbound calls today that did not (including any still open). */
  attempts: number;
  /** Outbound calls today to this number. */
  onNumber: number;
}

const EFFECTIVE = sql`NOT EXISTS (SELECT 1 FROM contact_records x WHERE x.corrects = r.id)`;

export async function countersOf(
  db: Queryable,
  debtor: string,
  day: string,
  numberKey: string,
): Promise<DebtorCounters> {
  const calls = await db.get<{ n: number | string; mine: number | string | null }>(
    sql`SELECT count(*) AS n, sum(CASE WHEN number_key = ${numberKey} THEN 1 ELSE 0 END) AS mine
        FROM contact_calls WHERE debtor = ${debtor} AND day = ${day}`,
  );
  const reached = await db.get<{ n: number | string }>(
    sql`SELECT count(*) AS n FROM contact_records r
        WHERE r.debtor = ${debtor} AND r.day = ${day} AND r.call_id IS NOT NULL AND r.with_debtor = 1 AND ${EFFECTIVE}`,
  );
  const total = Number(calls?.n ?? 0);
  const hits = Number(reached?.n ?? 0);
  return { reached: hits, attempts: Math.max(0, total - hits), onNumber: Number(calls?.mine ?? 0) };
}

/**
 * Takes the debtor's line row for this transaction (on PostgreSQL a row lock: a second call to
 * the same debtor waits here until this one commits) and says whether a call is open on it.
 */
export async function lineOf(db: Queryable, debtor: string, now: number): Promise<{ openSince: number | null }> {
  await db.run(
    sql`INSERT INTO debtor_lines (debtor) VALUES (${debtor}) ON CONFLICT (debtor) DO UPDATE SET debtor = excluded.debtor`,
  );
  return peekLine(db, debtor, now);
}

/** The call open on the debtor's line (opened under 30 minutes ago and not yet recorded), without taking it. */
export async function peekLine(db: Queryable, debtor: string, now: number): Promise<{ openSince: number | null }> {
  const row = await db.get<{ call_no: string | null; opened_at: number | string | null }>(
    sql`SELECT call_no, opened_at FROM debtor_lines WHERE debtor = ${debtor}`,
  );
  const openedAt = row?.opened_at === null || row?.opened_at === undefined ? null : Number(row.opened_at);
  const open = row?.call_no && openedAt !== null && now - openedAt < CALL_OPEN_MINUTES * 60_000;
  return { openSince: open ? openedAt : null };
}

export async function takeLine(db: Queryable, debtor: string, callNo: string, now: number): Promise<void> {
  await db.run(sql`UPDATE debtor_lines SET call_no = ${callNo}, opened_at = ${now} WHERE debtor = ${debtor}`);
}

export async function releaseLine(db: Queryable, debtor: string, callNo: string): Promise<void> {
  await db.run(
    sql`UPDATE debtor_lines SET call_no = NULL, opened_at = NULL WHERE debtor = ${debtor} AND call_no = ${callNo}`,
  );
}

/**
 * 失联: the last N outbound records on the debtor's own numbers all failed to reach them, or the
 * last record on each of this case's own numbers (by token) says it is not theirs or dead; a case
 * with no number of the debtor's own is 失联 from the start.
 */
export async function debtorLost(
  db: Queryable,
  debtor: string,
  ownKeys: readonly string[],
  lostAfter: number,
): Promise<boolean> {
  const recent = await db.all<{ connected: number | string; with_debtor: number | string; outcome: string }>(
    sql`SELECT r.connected, r.with_debtor, r.outcome FROM contact_records r
        WHERE r.debtor = ${debtor} AND r.direction = 'out' AND r.slot IN ('mobile', 'homePhone') AND ${EFFECTIVE}
        ORDER BY r.recorded_at DESC, r.id DESC LIMIT ${lostAfter}`,
  );
  if (recent.length === lostAfter && recent.every((r) => Number(r.with_debtor) === 0)) return true;
  if (ownKeys.length === 0) return true;
  for (const key of ownKeys) {
    const last = await db.get<{ outcome: string }>(
      sql`SELECT r.outcome FROM contact_records r
          WHERE r.debtor = ${debtor} AND r.number_key = ${key} AND ${EFFECTIVE}
          ORDER BY r.recorded_at DESC, r.id DESC LIMIT 1`,
    );
    if (!last || !(INVALID_NUMBER_CODES as readonly string[]).includes(last.outcome)) return false;
  }
  return true;
}

/** A third party who once refused further contact is never called again (any case). */
export async function numberRefused(db: Queryable, numberKey: string): Promise<boolean> {
  return (
    (await db.get(
      sql`SELECT 1 AS one FROM contact_records WHERE number_key = ${numberKey} AND refused = 1 LIMIT 1`,
    )) !== undefined
  );
}

export async function overridesOf(db: Queryable, caseId: number, day: string): Promise<Set<OverridableRule>> {
  const rows = await db.all<{ rule: OverridableRule }>(
    sql`SELECT rule FROM contact_overrides WHERE case_id = ${caseId} AND day = ${day}`,
  );
  return new Set(rows.map((r) => r.rule));
}
