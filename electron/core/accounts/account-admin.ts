/** 账号管理 — IT's account work: add, reset, unlock, close, change role; all logged with reasons. */
import type { AccountDetail, AuditEventView } from '../../../shared/contract';
import type { Role } from '../../../shared/roles';
import {
  accountByUsername,
  activeItCount,
  insertAccount,
  listAccounts,
  markClosed,
  setPassword,
  setRole,
  type Account,
} from './account-repository';
import {
  approve,
  granted,
  needsApproval,
  type ApprovalInput,
  type Approver,
  type TwoPersonRequest,
} from '../access/two-person';
import { loggedSearch } from '../audit/audit-service';
import { oneTimePassword } from './one-time-password';
import { recordPassword } from './password-history';
import { assertAcceptablePassword } from './password-acceptance';
import { seatsOf, unbindAll } from '../seats/seat-repository';
import { SIGN_IN_FAILURES } from '../audit/account-events';
import { fail } from '../errors';
import { normaliseUsername } from '../keyring/keyring';
import type { Session } from '../session/session';
import type { Queryable } from '../store/store';

const DAY = 86_400_000;

export interface AddAccountInput {
  username: string;
  displayName?: string | undefined;
  role: Role;
  password: string;
  /** A second person's approval: needed for an auditor or general manager once the vault has one. */
  approval?: ApprovalInput | undefined;
}

/** Asks for the second person's approval when the request needs one (two-person.ts); else null. */
async function approvalFor(
  session: Session,
  request: TwoPersonRequest,
  approval: ApprovalInput | undefined,
): Promise<Approver | null> {
  return (await needsApproval(session.vault.db, request)) ? approve(session, request, approval) : null;
}

/** In the action's transaction: the approval still holds (nothing changed since), and is logged with it. */
async function logApproval(session: Session, tx: Queryable, request: TwoPersonRequest, approver: Approver | null) {
  if (approver) await session.vault.audit.append(tx, granted(session, approver, request));
  else if (await needsApproval(tx, request)) fail('NOT_PERMITTED', 'approval.required');
}

async function target(db: Queryable, username: string): Promise<Account> {
  const account = await accountByUsername(db, normaliseUsername(username));
  if (!account) fail('INPUT_REJECTED', 'account.unknown');
  return account;
}

/** Accounts with their state as IT and the ledger see it. */
export async function accountDetails(session: Session): Promise<AccountDetail[]> {
  const { db, policy } = session.vault;
  const now = session.vault.now();
  const accounts = await listAccounts(db);
  const locks = await session.vault.lockStates(accounts.map((a) => a.username));
  const out: AccountDetail[] = [];
  for (const a of accounts) {
    const lock = locks.get(a.username);
    const expiresAt = a.passwordChangedAt + policy.passwordMaxAgeDays * DAY;
    const state: AccountDetail['state'] =
      a.state === 'closed'
        ? 'closed'
        : lock?.lockedUntil
          ? 'locked'
          : a.mustChangePassword || now >= expiresAt
            ? 'mustChange'
            : now >= expiresAt - policy.passwordExpiryWarningDays * DAY
              ? 'expiring'
              : 'active';
    out.push({
      username: a.username,
      displayName: a.displayName,
      role: a.role,
      state,
      createdAt: a.createdAt,
      lastLoginAt: a.lastLoginAt,
      passwordExpiresAt: expiresAt,
      lockedUntil: lock?.lockedUntil ?? null,
      failures: lock?.failures ?? 0,
      seats: await seatsOf(db, a.id),
    });
  }
  return out;
}

/** The recent failed logins, refusals and locks of one account, newest first. */
export async function failureHistory(session: Session, username: string): Promise<AuditEventView[]> {
  const account = await target(session.vault.db, username);
  const actions = [...SIGN_IN_FAILURES, 'session.reauth', 'account.unlocked'];
  // A read of the access log like any search of it: logged, once per account per session.
  return loggedSearch(
    session,
    { view: 'failures', actor: account.username },
    (db) => session.vault.audit.byActor(db, account.username, actions, 50),
    (events) => events.length,
  );
}

export async function addAccount(session: Session, input: AddAccountInput): Promise<void> {
  const username = normaliseUsername(input.username);
  const displayName = input.displayName?.trim() || username;
  assertAcceptablePassword(input.password, session.vault.policy, { username, displayName });
  if (await accountByUsername(session.vault.db, username)) fail('INPUT_REJECTED', 'account.exists');
  const request: TwoPersonRequest = { action: 'account.add', username, accountId: null, role: input.role };
  const approver = await approvalFor(session, request, input.approval);
  await session.audited(async (tx, undo) => {
    if (await accountByUsername(tx, username)) fail('INPUT_REJECTED', 'account.exists');
    await logApproval(session, tx, request, approver);
    const at = session.vault.now();
    const id = await insertAccount(tx, {
      username,
      displayName,
      role: input.role,
      at,
      createdBy: session.account.id,
      mustChangePassword: true,
    });
    await recordPassword(tx, id, input.password, at);
    undo.push(await session.vault.putSlot(tx, username, id, input.password));
    return { value: null, event: session.event('account.added', 'ok', username, { role: input.role }) };
  });
}

/**
 * Issues a one-time password (shown once); the account must change it at its next login. An
 * auditor's or general manager's needs a second independent person's approval (two-person.ts).
 */
export async function resetPassword(
  session: Session,
  username: string,
  reason: string,
  approval?: ApprovalInput,
): Promise<string> {
  const current = await target(session.vault.db, username);
  if (current.state !== 'active') fail('INPUT_REJECTED', 'account.closed');
  const request = (a: Account): TwoPersonRequest => ({
    action: 'account.reset',
    username: a.username,
    accountId: a.id,
    role: a.role,
  });
  const approver = await approvalFor(session, request(current), approval);
  const password = oneTimePassword();
  await session.audited(async (tx, undo) => {
    const account = await target(tx, username);
    if (account.state !== 'active') fail('INPUT_REJECTED', 'account.closed');
    await logApproval(session, tx, request(account), approver);
    const at = session.vault.now();
    await setPassword(tx, account.id, at, true);
    await recordPassword(tx, account.id, password, at);
    undo.push(await session.vault.putSlot(tx, account.username, account.id, password));
    return { value: null, event: session.event('account.reset', 'ok', account.username, { reason }) };
  });
  return password;
}

/** Lifts a lockout early; the failures it had are logged with the reason. */
export async function unlockAccount(session: Session, username: string, reason: string): Promise<void> {
  // The login lock first, then the transaction, as a login takes them: never the other way round.
  await session.vault.exclusive(() =>
    session.audited(async (tx) => {
      const account = await target(tx, username);
      const failures = await session.vault.clearLock(account.username);
      return { value: null, event: session.event('account.unlocked', 'ok', account.username, { reason, failures }) };
    }),
  );
}

/**
 * 离职注销 — closes an account: its keyslot is left out of a new vault key, so neither its
 * password nor a copy of the keyring taken before opens the vault again; its history stays.
 */
export async function closeAccount(session: Session, username: string, reason: string): Promise<void> {
  const closable = async (tx: Queryable): Promise<Account> => {
    const account = await target(tx, username);
    if (account.state === 'closed') fail('INPUT_REJECTED', 'account.closed');
    if (account.role === 'it' && (await activeItCount(tx)) <= 1) fail('INPUT_REJECTED', 'account.lastIt');
    return account;
  };
  // Checked before the rotation starts, and again in its transaction.
  const { id } = await closable(session.vault.db);
  await session.rotatingKey(
    'accountClosed',
    async (tx) => {
      const account = await closable(tx);
      if (account.id !== id) fail('INPUT_REJECTED', 'account.unknown');
      await markClosed(tx, account.id, session.vault.now(), reason);
      await unbindAll(tx, account.id);
      return [session.event('account.closed', 'ok', account.username, { reason, role: account.role })];
    },
    { dropAccountId: id },
  );
}

/** Changes an account's role; making someone auditor or general manager may need an approval. */
export async function changeRole(
  session: Session,
  username: string,
  role: Role,
  reason: string,
  approval?: ApprovalInput,
): Promise<void> {
  const checked = async (db: Queryable): Promise<Account> => {
    const account = await target(db, username);
    if (account.state === 'closed') fail('INPUT_REJECTED', 'account.closed');
    if (account.role === role) fail('INPUT_REJECTED', 'account.sameRole');
    if (account.role === 'it' && (await activeItCount(db)) <= 1) fail('INPUT_REJECTED', 'account.lastIt');
    return account;
  };
  const current = await checked(session.vault.db);
  const request = (a: Account): TwoPersonRequest => ({
    action: 'account.role',
    username: a.username,
    accountId: a.id,
    role,
  });
  const approver = await approvalFor(session, request(current), approval);
  await session.audited(async (tx) => {
    const account = await checked(tx);
    await logApproval(session, tx, request(account), approver);
    await setRole(tx, account.id, role);
    return {
      value: null,
      event: session.event('account.roleChanged', 'ok', account.username, { from: account.role, to: role, reason }),
    };
  });
}
