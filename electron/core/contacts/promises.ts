/**
 * Promises to pay (承诺还款) and the payments that keep them: a promise is broken when less than
 * the promised amount has posted between the day it was made and its date. Payments are entered
 * by the roles holding `payment.record` (or come with a later delivery).
 */
import { seatDay } from '../../../shared/seat-day';
import { storedCase } from '../cases/case-reader';
import { visible, type CaseScope } from '../cases/case-scope';
import { fail } from '../errors';
import type { Session } from '../session/session';
import { rawSql, sql } from '../store/sql';
import type { Queryable } from '../store/store';

/** Fen paid on a case from `fromDay` (inclusive; null: ever) up to `toDay` (inclusive; null: no end). */
export async function paidSince(
  db: Queryable,
  caseId: number,
  fromDay: string | null,
  toDay: string | null = null,
): Promise<number> {
  const row = await db.get<{ fen: number | string | null }>(
    sql`SELECT sum(amount_fen) AS fen FROM payments WHERE case_id = ${caseId}
        AND ${fromDay === null ? rawSql('1 = 1') : sql`paid_on >= ${fromDay}`}
        AND ${toDay === null ? rawSql('1 = 1') : sql`paid_on <= ${toDay}`}`,
  );
  return Number(row?.fen ?? 0);
}

export async function recordPayment(
  session: Session,
  scope: CaseScope,
  input: { caseNo: string; amountFen: number; paidOn: string },
): Promise<{ payment: number }> {
  if (input.paidOn > seatDay(session.vault.now())) fail('INPUT_REJECTED', 'payment.future');
  return session.audited(async (tx) => {
    const stored = await storedCase(tx, input.caseNo, visible(scope));
    if (!stored) fail('INPUT_REJECTED', 'case.unknown');
    const row = await tx.get<{ id: number | string }>(
      sql`INSERT INTO payments (case_id, amount_fen, paid_on, team_id, entered_by, entered_at)
          VALUES (${stored.id}, ${input.amountFen}, ${input.paidOn}, ${(stored.row.team_id as number | null) ?? null},
                  ${session.account.id}, ${session.vault.now()})
          RETURNING id`,
    );
    return {
      value: { payment: Number(row?.id) },
      event: session.event('payment.recorded', 'ok', stored.caseNo, {
        amountFen: input.amountFen,
        paidOn: input.paidOn,
      }),
    };
  });
}

export type PromiseState = 'pending' | 'kept' | 'broken';

/** A promise's state on `today`: kept once enough has posted by its date; broken after its date. */
export async function promiseState(
  db: Queryable,
  caseId: number,
  promise: { day: string; on: string; fen: number },
  today: string,
): Promise<{ state: PromiseState; paidFen: number }> {
  const paidFen = await paidSince(db, caseId, promise.day, promise.on);
  if (paidFen >= promise.fen) return { state: 'kept', paidFen };
  return { state: today > promise.on ? 'broken' : 'pending', paidFen };
}
