/**
 * The owner is told what others did to their account (reset, unlock, role change, seats bound or
 * unbound, approvals) and what was done in their name (failed sign-ins, lockouts, approvals given
 * or tried with their password), by whom, where and when: read from the access log after sign-in,
 * shown until they acknowledge it (separation of duties: IT's actions on an account are seen by
 * the person they concern).
 */
import { NOTICES_SHOWN, type AccountNotices } from '../../../shared/contract';
import { acknowledge, receiptOf } from '../access/notice-receipts';
import { beforeAdded, eventsAbout, headSeq } from '../audit/account-events';
import type { Session } from '../session/session';

/** What the signed-in user has not yet acknowledged, newest first; not itself logged (their own). */
export async function noticesOf(session: Session): Promise<AccountNotices> {
  const { db } = session.vault;
  const { id, username } = session.account;
  await session.vault.settleLog();
  const through = await headSeq(db);
  const after = (await receiptOf(db, id)) ?? (await beforeAdded(db, username));
  const { events, total } = await eventsAbout(db, username, after, through, NOTICES_SHOWN);
  // Nothing to tell: the next look starts here rather than scanning the same events again.
  if (total === 0 && through > after) await db.transaction((tx) => acknowledge(tx, id, through));
  return { notices: events, more: total - events.length, through };
}

/** The user has seen their notices up to `through` (no further than the log's head). */
export async function acknowledgeNotices(session: Session, through: number): Promise<void> {
  const { db } = session.vault;
  await session.vault.settleLog();
  await db.transaction(async (tx) => acknowledge(tx, session.account.id, Math.min(through, await headSeq(tx))));
}
