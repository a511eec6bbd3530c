/**
 * 二人审批 — separation of duties (ISO/IEC 27001 A.5.3) for the three ways IT could otherwise sign
 * in as an independent person (auditor 稽核, general manager 总经理): resetting one's password,
 * adding one, making someone one. A second, independent person approves at the same seat by
 * typing their own username and password, checked against their keyslot and counted like a
 * sign-in (a wrong one can lock their account). Approval and refusal are logged, the approval in
 * the transaction of the action it allowed.
 */
import { OBJECT_KINDS, type ApprovalRefusal, type DetailOf } from '../../../shared/audit-actions';
import {
  INDEPENDENT_ROLES,
  isIndependentRole,
  needsSecondPerson,
  type ApprovalAction,
  type TwoPersonAction,
} from '../../../shared/permissions';
import type { Role } from '../../../shared/roles';
import { accountByUsername, activeWithRole } from '../accounts/account-repository';
import { passwordSetSince } from '../audit/account-events';
import type { NewEvent } from '../audit/audit-log';
import { fail } from '../errors';
import { normaliseUsername } from '../keyring/keyring';
import type { Queryable } from '../store/store';
import type { Session } from '../session/session';

const DAY = 86_400_000;

export interface ApprovalInput {
  username: string;
  password: string;
}

/** Who approved: an active account that may (approverMay), not the requester, not the account concerned. */
export interface Approver {
  id: number;
  username: string;
  role: Role;
}

/** What IT asks to do: the action, the account concerned (if it exists yet) and its role after. */
export interface TwoPersonRequest {
  action: TwoPersonAction;
  /** The account's username (for account.add: the new one). */
  username: string;
  accountId: number | null;
  /** The role the account has (reset) or is to have (add, role). */
  role: Role;
}

/** What is approved: for a holiday import, the account named is the requester's own. */
export type ApprovalRequest = TwoPersonRequest | { action: 'holidays.import'; username: string; accountId: number };

/** An account's action needs an independent person; a holiday year, anyone else holding holiday.approve. */
function approverMay(session: Session, action: ApprovalAction, role: Role): boolean {
  if (action === 'holidays.import') return session.vault.matrix[role].includes('holiday.approve');
  return isIndependentRole(role);
}

/** Whether a second person must approve (the rule: shared/permissions.ts, needsSecondPerson). */
export async function needsApproval(db: Queryable, request: TwoPersonRequest): Promise<boolean> {
  if (!isIndependentRole(request.role)) return false;
  const another = (await activeWithRole(db, INDEPENDENT_ROLES, request.accountId)) > 0;
  return needsSecondPerson(request.action, request.role, another);
}

/** The failure key of each refusal (a wrong password that locks the approver: approval.locked). */
export const REFUSAL_KEY: Readonly<Record<ApprovalRefusal, string>> = {
  missing: 'approval.required',
  unknown: 'approval.unknown',
  requester: 'approval.notRequester',
  target: 'approval.notTarget',
  role: 'approval.notIndependent',
  passwordChange: 'approval.passwordChange',
  changedSinceSignIn: 'approval.signInAgain',
  locked: 'approval.locked',
  credentials: 'approval.wrongPassword',
};

/** A holiday year's approver is not an auditor's or general manager's matter: its own refusal. */
const HOLIDAY_ROLE = 'approval.notHolidayApprover';

/**
 * Checks the second person's approval for `request`; logs and refuses (NOT_PERMITTED, one key per
 * reason) when there is none that holds. The caller logs `granted(…)` with the action itself.
 */
export async function approve(
  session: Session,
  request: ApprovalRequest,
  approval: ApprovalInput | undefined,
): Promise<Approver> {
  const { db, policy } = session.vault;
  const name = approval ? normaliseUsername(approval.username) : null;
  const named = name !== null && OBJECT_KINDS.account.safeParse(name).success ? name : null;
  const refuse = async (
    reason: ApprovalRefusal,
    extra: { failures?: number; lockedUntil?: number; now?: number; lockout?: NewEvent } = {},
  ): Promise<never> => {
    const detail: DetailOf<'approval.refused'> = { for: request.action, approver: named, reason };
    if (extra.failures !== undefined) detail.failures = extra.failures;
    const refused = session.event(
      'approval.refused',
      reason === 'credentials' ? 'failed' : 'denied',
      request.username,
      detail,
    );
    await session.vault.db.transaction((tx) =>
      session.vault.audit.append(tx, refused, ...(extra.lockout ? [extra.lockout] : [])),
    );
    if (extra.lockedUntil !== undefined && extra.now !== undefined)
      fail('NOT_PERMITTED', 'approval.locked', { minutes: Math.ceil((extra.lockedUntil - extra.now) / 60_000) });
    fail(
      'NOT_PERMITTED',
      reason === 'role' && request.action === 'holidays.import' ? HOLIDAY_ROLE : REFUSAL_KEY[reason],
    );
  };

  if (!approval || name === null) return refuse('missing');
  const account = await accountByUsername(db, name);
  if (!account || account.state !== 'active') return refuse('unknown');
  if (account.id === session.account.id) return refuse('requester');
  if (account.id === request.accountId || account.username === request.username) return refuse('target');
  if (!approverMay(session, request.action, account.role)) return refuse('role');
  // A one-time password was set by IT, so IT could type it: it approves nothing until changed.
  const expired = session.vault.now() >= account.passwordChangedAt + policy.passwordMaxAgeDays * DAY;
  if (account.mustChangePassword || expired) return refuse('passwordChange');
  // This session checks passwords against the keyslots as they were when it signed in: one set
  // since (in another window or process) can't be checked here, and a miss must not count
  // against its owner. IT signs in again.
  await session.vault.settleLog();
  if (await passwordSetSince(db, account.username, { username: session.account.username, at: session.startedAt }))
    return refuse('changedSinceSignIn');

  const approver: Approver = { id: account.id, username: account.username, role: account.role };
  // The login lock around the check and its logging, as a sign-in and a re-authentication take it.
  return session.vault.exclusive(async () => {
    const check = await session.vault.checkPassword(account, approval.password, { refuseWhileLocked: true });
    if (check.ok) return approver;
    const { failures, lockedUntil, now } = check;
    if (check.alreadyLocked && lockedUntil !== null) return refuse('locked', { lockedUntil, now });
    if (lockedUntil === null) return refuse('credentials', { failures });
    // This failure locked the approver's account, as the same failures at sign-in would.
    const lockout: NewEvent = {
      at: session.vault.now(),
      actor: account.username,
      actorId: account.id,
      seat: session.vault.seatId,
      action: 'lockout.locked',
      object: null,
      outcome: 'failed',
      detail: { until: lockedUntil } satisfies DetailOf<'lockout.locked'>,
    };
    return refuse('credentials', { failures, lockout, lockedUntil, now });
  });
}

/** The approval's event: by the approver, on this seat, logged in the action's own transaction. */
export function granted(session: Session, approver: Approver, request: ApprovalRequest): NewEvent {
  const detail: DetailOf<'approval.granted'> = {
    for: request.action,
    requester: session.account.username,
    role: approver.role,
  };
  return {
    at: session.vault.now(),
    actor: approver.username,
    actorId: approver.id,
    seat: session.vault.seatId,
    action: 'approval.granted',
    object: request.username,
    outcome: 'ok',
    detail,
  };
}
