/**
 * A custodian authenticating into a ceremony: an active account in the place's role, not the
 * account already in the other place, with a password they set themselves, checked against its
 * keyslot and counted like a sign-in (a wrong one can lock the account). Admission and every
 * refusal are logged, each in a transaction of its own, before the ceremony goes on.
 */
import { OBJECT_KINDS, type DetailOf } from '../../../shared/audit-actions';
import type { CustodianRefusal, CustodianSlot } from '../../../shared/ceremonies';
import type { Role } from '../../../shared/roles';
import { accountByUsername } from '../accounts/account-repository';
import { passwordSetSince } from '../audit/account-events';
import type { NewEvent } from '../audit/audit-log';
import { fail } from '../errors';
import { normaliseUsername } from '../keyring/keyring';
import type { Ceremony } from './ceremony';

const DAY = 86_400_000;

export interface Custodian {
  id: number;
  username: string;
  role: Role;
  slot: CustodianSlot;
  at: number;
}

const REFUSAL_KEY: Readonly<Record<CustodianRefusal, string>> = {
  unknown: 'ceremony.custodianUnknown',
  role: 'ceremony.custodianRole',
  sameAccount: 'ceremony.sameCustodian',
  passwordChange: 'ceremony.custodianPasswordChange',
  changedSinceSignIn: 'ceremony.custodianSignInAgain',
  locked: 'ceremony.custodianLocked',
  credentials: 'ceremony.custodianWrongPassword',
};

export async function authenticateCustodian(
  ceremony: Ceremony,
  slot: CustodianSlot,
  credentials: { username: string; password: string },
  role: Role,
  other: Custodian | undefined,
): Promise<Custodian> {
  const { session } = ceremony;
  const { vault } = session;
  const name = normaliseUsername(credentials.username);
  const named = OBJECT_KINDS.account.safeParse(name).success ? name : null;
  const event = (
    outcome: NewEvent['outcome'],
    account: { id: number; username: string } | null,
    extra: Partial<DetailOf<'ceremony.custodian'>> = {},
  ): NewEvent => ({
    at: vault.now(),
    actor: account?.username ?? session.account.username,
    actorId: account?.id ?? session.account.id,
    seat: vault.seatId,
    action: 'ceremony.custodian',
    object: ceremony.id,
    outcome,
    detail: { kind: ceremony.kind, slot, custodian: account?.username ?? named, ...extra },
  });
  const refuse = async (
    reason: CustodianRefusal,
    account: { id: number; username: string } | null,
    extra: { failures?: number; lockout?: NewEvent; minutes?: number } = {},
  ): Promise<never> => {
    const detail: Partial<DetailOf<'ceremony.custodian'>> = { reason };
    if (extra.failures !== undefined) detail.failures = extra.failures;
    const refused = event(reason === 'credentials' || reason === 'locked' ? 'failed' : 'denied', account, detail);
    await vault.log(refused, ...(extra.lockout ? [extra.lockout] : []));
    if (extra.minutes !== undefined) fail('NOT_PERMITTED', 'ceremony.custodianLocked', { minutes: extra.minutes });
    return fail('NOT_PERMITTED', REFUSAL_KEY[reason]);
  };

  if (named === null) return refuse('unknown', null);
  const account = await accountByUsername(vault.db, named);
  if (!account || account.state !== 'active') return refuse('unknown', null);
  // The same person never fills both places, whatever roles the account holds.
  if (other && other.id === account.id) return refuse('sameAccount', account);
  if (account.role !== role) return refuse('role', account);
  // A one-time password was set by IT, who could type it: it takes no part until changed.
  const expired = vault.now() >= account.passwordChangedAt + vault.policy.passwordMaxAgeDays * DAY;
  if (account.mustChangePassword || expired) return refuse('passwordChange', account);
  // Keyslots are checked as they were when this session signed in (two-person.ts says why).
  await vault.settleLog();
  if (
    account.id !== session.account.id &&
    (await passwordSetSince(vault.db, account.username, { username: session.account.username, at: session.startedAt }))
  )
    return refuse('changedSinceSignIn', account);

  return vault.exclusive(async () => {
    const check = await vault.checkPassword(account, credentials.password, { refuseWhileLocked: true });
    if (check.ok) {
      await vault.log(event('ok', account));
      return { id: account.id, username: account.username, role: account.role, slot, at: vault.now() };
    }
    const { failures, lockedUntil, now } = check;
    const minutes = lockedUntil === null ? undefined : Math.ceil((lockedUntil - now) / 60_000);
    if (check.alreadyLocked) return refuse('locked', account, minutes === undefined ? {} : { minutes });
    if (lockedUntil === null) return refuse('credentials', account, { failures });
    const lockout: NewEvent = {
      at: now,
      actor: account.username,
      actorId: account.id,
      seat: vault.seatId,
      action: 'lockout.locked',
      object: null,
      outcome: 'failed',
      detail: { until: lockedUntil } satisfies DetailOf<'lockout.locked'>,
    };
    return refuse('credentials', account, { failures, lockout, ...(minutes === undefined ? {} : { minutes }) });
  });
}
