/** Up to which access-log event each account has acknowledged its notices (separation of duties). */
import type { Queryable } from '../store/store';
import { sql } from '../store/sql';

/** The last acknowledged sequence number, or null when the account never acknowledged any. */
export async function receiptOf(db: Queryable, accountId: number): Promise<number | null> {
  const row = await db.get<{ through_seq: number }>(
    sql`SELECT through_seq FROM notice_receipts WHERE account_id = ${accountId}`,
  );
  return row?.through_seq ?? null;
}

/** Moves the receipt forward to `throughSeq` (never back). */
export async function acknowledge(tx: Queryable, accountId: number, throughSeq: number): Promise<void> {
  await tx.run(
    sql`INSERT INTO notice_receipts (account_id, through_seq) VALUES (${accountId}, ${throughSeq})
        ON CONFLICT (account_id) DO UPDATE SET through_seq = ${tx.dialect.greatest(sql`notice_receipts.through_seq`, sql`excluded.through_seq`)}`,
  );
}
