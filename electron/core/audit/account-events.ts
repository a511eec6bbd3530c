/**
 * Access-log reads about one account, for its owner's notices: what others did to the account,
 * and what was done in its name (sign-in failures, lockouts, approvals given or tried).
 */
import type { AuditEventView } from '../../../shared/contract';
import type { Queryable } from '../store/store';
import { joinSql, sql, type Sql } from '../store/sql';
import { nameIn } from '../store/field-seal';
import { openEvent } from './sealed-events';

/** Done to the account (it is the event's object) by someone else. */
export const DONE_TO_ACCOUNT = [
  'account.added',
  'account.reset',
  'account.unlocked',
  'account.roleChanged',
  'seat.bound',
  'seat.unbound',
  'approval.granted',
  'approval.refused',
] as const;

/** Failed and refused sign-ins and lockouts of an account (it is the event's actor). */
export const SIGN_IN_FAILURES = [
  'preauth.loginFailed',
  'preauth.loginRefused',
  'preauth.lockout',
  'login.failed',
  'login.refused',
  'lockout.locked',
] as const;

/** Done in the account's name (it is the event's actor), whoever was at the keyboard. */
export const DONE_IN_NAME = ['approval.granted', ...SIGN_IN_FAILURES] as const;

interface Row {
  seq: number;
  at: number;
  actor: string | null;
  seat: string | null;
  action: string;
  object: string | null;
  outcome: AuditEventView['outcome'];
  detail: string;
}

const list = (names: readonly string[]): Sql =>
  joinSql(
    names.map((n) => sql`${n}`),
    ', ',
  );

function about(db: Queryable, plainName: string, afterSeq: number, throughSeq: number): Sql {
  // Every key epoch's seal of the name: events before a rotation name it under older keys.
  const username = nameIn(db.fields, plainName);
  return sql`seq > ${afterSeq} AND seq <= ${throughSeq} AND (
      (object ${username} AND action IN (${list(DONE_TO_ACCOUNT)}) AND (actor IS NULL OR actor NOT ${username}))
      OR (actor ${username} AND action IN (${list(DONE_IN_NAME)}))
      OR (action = 'approval.refused' AND ${db.dialect.jsonText(sql`detail`, 'approver')} ${username})
    )`;
}

/** The newest `limit` events about the account in (afterSeq, throughSeq], and how many there are. */
export async function eventsAbout(
  db: Queryable,
  username: string,
  afterSeq: number,
  throughSeq: number,
  limit: number,
): Promise<{ events: AuditEventView[]; total: number }> {
  const where = about(db, username, afterSeq, throughSeq);
  const rows = await db.all<Row>(
    sql`SELECT seq, at, actor, seat, action, object, outcome, detail FROM audit_events
        WHERE ${where} ORDER BY seq DESC LIMIT ${limit}`,
  );
  const count = await db.get<{ n: number }>(sql`SELECT count(*) AS n FROM audit_events WHERE ${where}`);
  return {
    events: rows.map((r) => openEvent(db.fields, { ...r, detail: JSON.parse(r.detail) as Record<string, unknown> })),
    total: count?.n ?? 0,
  };
}

/** The sequence number of the newest event (0: an empty log). */
export async function headSeq(db: Queryable): Promise<number> {
  const row = await db.get<{ n: number | null }>(sql`SELECT max(seq) AS n FROM audit_events`);
  return row?.n ?? 0;
}

/** Where an account's history starts: just before the event that added it (0 if none did). */
export async function beforeAdded(db: Queryable, username: string): Promise<number> {
  const row = await db.get<{ n: number | null }>(
    sql`SELECT min(seq) AS n FROM audit_events WHERE action = 'account.added' AND object ${nameIn(db.fields, username)}`,
  );
  return row?.n ? row.n - 1 : 0;
}

/**
 * Whether `username` set a new password after the sign-in of `signedIn` at `signedInAt` (that
 * session's login.ok): a session's keyslots are as they were when it signed in. Unsure (no such
 * sign-in found): yes.
 */
export async function passwordSetSince(
  db: Queryable,
  username: string,
  signedIn: { username: string; at: number },
): Promise<boolean> {
  const login = await db.get<{ n: number | null }>(
    sql`SELECT max(seq) AS n FROM audit_events
        WHERE actor ${nameIn(db.fields, signedIn.username)} AND action = 'login.ok' AND at = ${signedIn.at}`,
  );
  if (!login?.n) return true;
  const changed = await db.get<{ seq: number }>(
    sql`SELECT seq FROM audit_events WHERE actor ${nameIn(db.fields, username)} AND seq > ${login.n} AND action = 'password.changed' LIMIT 1`,
  );
  return changed !== undefined;
}
