/**
 * 登录前事件 — what a floor's sign-in functions witnessed (login_events), as access-log events:
 * the floor's counterpart of draining the embedded store's pre-login journal. Taken in the
 * signing-in session's transaction, so they are chained with its login or stay for the next.
 */
import { listAccounts } from '../accounts/account-repository';
import type { NewEvent } from '../audit/audit-log';
import { sql } from '../store/sql';
import type { Queryable } from '../store/store';
import { seatIdOfRole } from './floor-roles';

interface Row {
  id: number;
  at: number;
  account_id: number | null;
  seat_role: string;
  kind: 'failed' | 'locked' | 'refused';
  failures: number | null;
  until: number | null;
}

export async function takeSignInEvents(tx: Queryable, token: Buffer, database: string): Promise<NewEvent[]> {
  const rows = await tx.all<Row>(
    sql`SELECT id, at, account_id, seat_role, kind, failures, until FROM login_events_take(${token}) ORDER BY id`,
  );
  if (rows.length === 0) return [];
  const names = new Map((await listAccounts(tx)).map((a) => [a.id, a.username]));
  return rows.map((r) => {
    const actor = r.account_id === null ? null : (names.get(r.account_id) ?? null);
    const knownUser = actor !== null;
    const by = { at: r.at, actor, actorId: knownUser ? r.account_id : null, seat: seatIdOfRole(database, r.seat_role) };
    if (r.kind === 'failed')
      return {
        ...by,
        action: 'preauth.loginFailed',
        outcome: 'failed',
        detail: { reason: 'credentials', knownUser, failures: r.failures ?? 0 },
      };
    if (r.kind === 'locked')
      return { ...by, action: 'preauth.lockout', outcome: 'ok', detail: { until: r.until ?? r.at, knownUser } };
    return { ...by, action: 'preauth.loginRefused', outcome: 'denied', detail: { reason: 'locked', knownUser } };
  });
}
