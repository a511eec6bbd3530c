/**
 * Unlocking: open a keyslot with a password, open and check the database, move the pre-unlock
 * events into the access log, apply seat binding and password expiry, and hand back a Session.
 */
import path from 'node:path';
import { accountById, listAccounts, recordLogin } from '../accounts/account-repository';
import type { NewEvent } from '../audit/audit-log';
import { fail } from '../errors';
import { loadEpochKeys, type EpochKeys } from '../keyring/epoch-keys';
import {
  burnKdf,
  findSlot,
  KEYRING_FILE,
  normaliseUsername,
  openSlot,
  readKeyring,
  usernameLookup,
  type KeyringFile,
} from '../keyring/keyring';
import { deriveSeatId } from '../seats/seat-id';
import { noteSeat } from '../seats/seat-repository';
import { migrate } from '../store/migrate';
import { defaultEnv, type VaultEnv } from '../vault/env';
import { openCurrent } from '../vault/key-rotation';
import { readManifest } from '../vault/manifest';
import {
  keyringGeneration,
  preauthDrained,
  preauthDrainedAt,
  setKeyringGeneration,
  setPreauthDrained,
  setPreauthDrainedAt,
  storedVaultId,
} from '../vault/meta-repository';
import { hasFloorFile } from '../vault/floor-file';
import { OpenVault } from '../vault/open-vault';
import { isDirectory } from '../vault/vault-status';
import { withLoginLock } from './login-lock';
import { weighEvidence } from './preauth-evidence';
import { PreauthJournal } from './preauth-journal';
import { admissionOf } from './admission';
import { floorLogin } from './floor-sign-in';
import { Session } from './session';

/**
 * Unlocks the vault as `username`. Failures are counted and sealed into preauth.json (the
 * vault can't be written without the key); the next unlock moves them into the access log.
 */
export async function login(
  dataDir: string,
  username: string,
  password: string,
  env: VaultEnv = defaultEnv,
): Promise<Session> {
  if (!(await isDirectory(dataDir))) fail('INPUT_REJECTED', 'vault.missing');
  // A floor seat's data directory holds floor.json instead of a vault: the server decides.
  if (await hasFloorFile(dataDir)) return floorLogin(dataDir, username, password, env);
  return withLoginLock(dataDir, () => unlock(dataDir, username, password, env));
}

async function unlock(dataDir: string, username: string, password: string, env: VaultEnv): Promise<Session> {
  const manifest = await readManifest(dataDir);
  const keyring = await readKeyring(path.join(dataDir, KEYRING_FILE));
  if (keyring.vaultId !== manifest.vaultId) fail('VAULT_DAMAGED', 'keyring.damaged');
  const journal = await PreauthJournal.load(dataDir);
  const now = journal.now(env.clock.now());
  const lookup = usernameLookup(keyring.lookupSalt, username);
  const seat = deriveSeatId(keyring.vaultId, env.machineId());
  const slot = findSlot(keyring, username);
  const name = slot ? normaliseUsername(username) : null;
  const record = async (event: Omit<NewEvent, 'at' | 'seat' | 'actor' | 'actorId'>): Promise<void> => {
    journal.addEvent(keyring.preauthPublicKey, {
      at: now,
      seat,
      actor: name,
      actorId: slot?.accountId ?? null,
      ...event,
    });
    await journal.save();
  };

  const lockedUntil = journal.lockedUntil(lookup, now);
  if (lockedUntil !== null) {
    await record({
      action: 'preauth.loginRefused',
      outcome: 'denied',
      detail: { reason: 'locked', knownUser: slot !== undefined },
    });
    fail('LOCKED_OUT', 'login.locked', { minutes: Math.ceil((lockedUntil - now) / 60_000) });
  }
  // Counted before the KDF runs, so killing the process mid-attempt can't make it uncounted.
  const counted = journal.counter(lookup);
  const lockEnds = journal.recordFailure(lookup, now);
  await journal.save();
  const accountKey = slot ? await openSlot(keyring.vaultId, slot, password) : (await burnKdf(password), null);
  if (!accountKey || !slot) {
    await record({
      action: 'preauth.loginFailed',
      outcome: 'failed',
      detail: { reason: 'credentials', knownUser: slot !== undefined, failures: journal.failures(lookup) },
    });
    if (lockEnds !== null)
      await record({
        action: 'preauth.lockout',
        outcome: 'ok',
        detail: { until: lockEnds, knownUser: slot !== undefined },
      });
    fail('AUTH_FAILED', 'login.failed');
  }
  // The password was right: it was no failure, and the file is as it was before the attempt.
  journal.restoreCounter(lookup, counted);
  await journal.revert();
  let vault: OpenVault;
  try {
    vault = await openVault(dataDir, manifest.vaultId, keyring, slot.accountId, accountKey, env);
  } finally {
    accountKey.fill(0);
  }
  try {
    return await admit(vault, slot.accountId, journal, lookup);
  } catch (err) {
    await vault.close();
    throw err;
  }
}

/** Opens the database with the account's key (finishing an interrupted rotation) and checks it. */
async function openVault(
  dataDir: string,
  vaultId: string,
  keyring: KeyringFile,
  accountId: number,
  accountKey: Buffer,
  env: VaultEnv,
): Promise<OpenVault> {
  const opened = await openCurrent(dataDir, keyring, accountId, accountKey, async (db) => {
    await db.assertIntact();
    await migrate(db);
    if ((await storedVaultId(db)) !== vaultId) fail('VAULT_DAMAGED', 'vault.damaged');
  });
  let epochs: EpochKeys[];
  try {
    epochs = await loadEpochKeys(opened.db, opened.vmk, vaultId, opened.keyring.epoch);
  } catch (err) {
    opened.vmk.fill(0);
    await opened.db.close();
    throw err;
  }
  const vault = new OpenVault(dataDir, vaultId, opened.db, opened.vmk, opened.keyring, epochs, env);
  try {
    // A keyring older than the database's last keyring change (restored from a copy) would bring
    // back passwords changed or reset since, and slots of closed accounts: refused, nothing written.
    if (vault.keyringState().generation < ((await keyringGeneration(opened.db)) ?? 0))
      fail('VAULT_DAMAGED', 'keyring.stale');
    await vault.reloadSettings();
    await vault.loadTimeFloor();
    return vault;
  } catch (err) {
    await vault.close();
    throw err;
  }
}

/**
 * After the slot opened: moves the pre-unlock events into the log, applies seat binding and
 * password expiry, and logs the login, all in one transaction.
 */
async function admit(vault: OpenVault, accountId: number, journal: PreauthJournal, lookup: string): Promise<Session> {
  const { db, policy, seatId } = vault;
  // The vault's time, not the journal's: a field outside the database can't turn expiry off.
  const now = vault.now();
  const account = await accountById(db, accountId);
  if (!account || account.state !== 'active') fail('AUTH_FAILED', 'login.failed');
  const privateKeys = vault.preauthPrivateKeys();
  const drained = await preauthDrained(db);
  const chain = journal.follows(drained);
  const pending = journal.pending(privateKeys, journal.drainFrom(chain, drained));
  const names = new Map((await listAccounts(db)).map((a) => [a.id, a.username]));
  const evidence = weighEvidence(
    pending.events,
    { from: await preauthDrainedAt(db), to: Math.max(now, journal.seen()) },
    (id) => names.get(id),
  );
  const next = journal.drained();
  const { refused, passwordChange, events } = await admissionOf(db, vault, account, now);

  await db.transaction(async (tx) => {
    // A journal that does not carry on from the last drain is said first: it explains what follows.
    const before: NewEvent[] = [];
    if (chain !== 'continues')
      before.push({
        at: now,
        actor: null,
        actorId: null,
        seat: seatId,
        action: 'preauth.journalReset',
        outcome: 'failed',
        detail: { reason: chain, drainedThrough: drained.through, journalLastN: next.through },
      });
    const notes: NewEvent[] = [];
    if (journal.damaged || pending.unreadable > 0 || pending.dropped > 0)
      notes.push({
        at: now,
        actor: null,
        actorId: null,
        seat: seatId,
        action: 'preauth.journalDamaged',
        outcome: 'failed',
        detail: { garbled: journal.damaged, unreadable: pending.unreadable, dropped: pending.dropped },
      });
    if (evidence.rejected.window + evidence.rejected.actor > 0)
      notes.push({
        at: now,
        actor: null,
        actorId: null,
        seat: seatId,
        action: 'preauth.rejected',
        outcome: 'failed',
        detail: evidence.rejected,
      });
    await noteSeat(tx, seatId, now);
    await vault.audit.append(tx, ...before, ...evidence.accepted.map((p) => p.event), ...notes, ...events);
    await setPreauthDrained(tx, next);
    // The next window opens at the earlier of the two times: a drifting clock loses no evidence.
    await setPreauthDrainedAt(tx, Math.min(now, journal.seen()));
    // Catches up after a crash between a keyring write and its transaction (or a pre-generation vault).
    await setKeyringGeneration(tx, vault.keyringState().generation);
    if (!refused) await recordLogin(tx, account.id, now);
  });
  journal.setLockoutPolicy(policy);
  journal.forgetThrough(next.through);
  if (!refused) journal.clear(lookup);
  await journal.save();
  if (refused) fail('NOT_PERMITTED', 'login.seatNotBound', { seat: seatId });
  return new Session(vault, { ...account, lastLoginAt: now }, now, passwordChange);
}
