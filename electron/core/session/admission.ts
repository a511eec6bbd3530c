/**
 * What every sign-in decides once the password was right, on either store: seat binding
 * (专机专用), password expiry or a one-time password, and the events that say so.
 */
import type { Account } from '../accounts/account-repository';
import type { NewEvent } from '../audit/audit-log';
import { isBound } from '../seats/seat-repository';
import type { Queryable } from '../store/store';
import type { Vault } from '../vault/vault';
import type { PasswordChange } from './session';

const DAY = 86_400_000;

export interface Admission {
  /** Refused for signing in at a seat the account is not bound to. */
  refused: boolean;
  passwordChange: PasswordChange;
  /** A warning note (if any) and the outcome, in the order they are logged. */
  events: NewEvent[];
}

export async function admissionOf(db: Queryable, vault: Vault, account: Account, now: number): Promise<Admission> {
  const { policy, seatId } = vault;
  const bound = await isBound(db, account.id, seatId);
  const refused = !bound && policy.seatBinding === 'enforce';
  const expired = now >= account.passwordChangedAt + policy.passwordMaxAgeDays * DAY;
  const passwordChange: PasswordChange = account.mustChangePassword ? 'oneTime' : expired ? 'expired' : null;
  const by = { actor: account.username, actorId: account.id, seat: seatId, at: now };
  const events: NewEvent[] = [];
  if (!bound && policy.seatBinding === 'warn')
    events.push({ ...by, action: 'login.unboundSeat', outcome: 'ok', detail: { policy: 'warn' } });
  events.push(
    refused
      ? { ...by, action: 'login.refused', outcome: 'denied', detail: { reason: 'seat' } }
      : { ...by, action: 'login.ok', outcome: 'ok', detail: { role: account.role, passwordChange } },
  );
  return { refused, passwordChange, events };
}
