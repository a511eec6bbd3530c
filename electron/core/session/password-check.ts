/**
 * A password checked against an account's own keyslot while the vault is open (re-authentication,
 * a second person's approval), counted exactly as a sign-in is: under the login lock, the failure
 * recorded before Argon2id runs, cleared when the password was right; enough failures lock the
 * account like failed sign-ins do.
 */
import type { OpenVault } from '../vault/open-vault';

export type PasswordCheck =
  | { ok: true }
  /** `lockedUntil`: already locked (nothing was tried), or locked by this failure; else null. */
  | { ok: false; failures: number; lockedUntil: number | null; now: number; alreadyLocked: boolean };

/** Call under withLoginLock (the caller takes it, so it can log what happened inside it too). */
export async function checkAccountPassword(
  vault: OpenVault,
  account: { id: number; username: string },
  password: string,
  options: { refuseWhileLocked?: boolean } = {},
): Promise<PasswordCheck> {
  const lookup = vault.lookupOf(account.username);
  const journal = await vault.journal();
  const now = journal.now(vault.now());
  const held = journal.lockedUntil(lookup, now);
  if (options.refuseWhileLocked && held !== null)
    return { ok: false, failures: journal.failures(lookup), lockedUntil: held, now, alreadyLocked: true };
  const lockedUntil = journal.recordFailure(lookup, now);
  await journal.save();
  if (await vault.passwordOpensSlot(account.id, password)) {
    journal.clear(lookup);
    await journal.save();
    return { ok: true };
  }
  return { ok: false, failures: journal.failures(lookup), lockedUntil, now, alreadyLocked: false };
}
