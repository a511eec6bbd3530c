/**
 * An unlocked embedded vault: the open SQLCipher database, the keys of the current VMK, policy
 * and role matrix; keyslots in keyring.json and lockout counters in the pre-login journal.
 */
import type { KeyObject } from 'node:crypto';
import path from 'node:path';
import { AuditLog } from '../audit/audit-log';
import { CaseKeys } from '../cases/case-keys';
import { fail, VaultError } from '../errors';
import { wipeEpochKeys, type EpochKeys } from '../keyring/epoch-keys';
import {
  KEYRING_FILE,
  keyringAuthentic,
  makeSlot,
  openSlot,
  readKeyring,
  sealKeyring,
  usernameLookup,
  writeKeyring,
  type KeyringFile,
} from '../keyring/keyring';
import { withLoginLock } from '../session/login-lock';
import { PreauthJournal } from '../session/preauth-journal';
import { privateKeyFromSeed } from '../session/preauth-seal';
import { deriveSeatId } from '../seats/seat-id';
import type { Db } from '../store/db';
import type { Queryable } from '../store/store';
import type { VaultEnv } from './env';
import { rotate, type KeyState, type RotationPlan, type StepHook } from './key-rotation';
import { keyringGeneration, setKeyringGeneration } from './meta-repository';
import type { LockState, PasswordCheck, Undo, Vault } from './vault';
import { VaultBase } from './vault-base';

export class OpenVault extends VaultBase implements Vault {
  readonly kind = 'embedded';
  readonly seatId: string;
  private keys: KeyState;
  private closed = false;

  constructor(
    readonly dataDir: string,
    readonly vaultId: string,
    readonly db: Db,
    vmk: Buffer,
    keyring: KeyringFile,
    epochs: EpochKeys[],
    readonly env: VaultEnv,
  ) {
    super();
    const chain = epochs.map((e) => ({ firstSeq: e.firstSeq, key: Buffer.from(e.auditKey) }));
    this.keys = { vmk, keyring, epochs, audit: new AuditLog(chain, vaultId) };
    this.seatId = deriveSeatId(vaultId, env.machineId());
  }

  get audit(): AuditLog {
    return this.keys.audit;
  }

  /** Each event is chained in its own transaction here: nothing waits to be chained. */
  settleLog(): Promise<void> {
    return Promise.resolve();
  }

  private lookupOf(username: string): string {
    return usernameLookup(this.keys.keyring.lookupSalt, username);
  }

  exclusive<T>(work: () => Promise<T>): Promise<T> {
    return withLoginLock(this.dataDir, work);
  }

  /** Counted in the pre-login journal, exactly as a sign-in counts it. */
  async checkPassword(
    account: { id: number; username: string },
    password: string,
    options: { refuseWhileLocked?: boolean } = {},
  ): Promise<PasswordCheck> {
    const lookup = this.lookupOf(account.username);
    const journal = await PreauthJournal.load(this.dataDir);
    const now = journal.now(this.now());
    const held = journal.lockedUntil(lookup, now);
    if (options.refuseWhileLocked && held !== null)
      return { ok: false, failures: journal.failures(lookup), lockedUntil: held, now, alreadyLocked: true };
    const lockedUntil = journal.recordFailure(lookup, now);
    await journal.save();
    if (await this.passwordOpensSlot(account.id, password)) {
      journal.clear(lookup);
      await journal.save();
      return { ok: true };
    }
    return { ok: false, failures: journal.failures(lookup), lockedUntil, now, alreadyLocked: false };
  }

  async lockStates(usernames: readonly string[]): Promise<Map<string, LockState>> {
    const journal = await PreauthJournal.load(this.dataDir);
    const locks = journal.locks(journal.now(this.now()));
    const out = new Map<string, LockState>();
    for (const name of usernames) {
      const lock = locks.get(this.lookupOf(name));
      if (lock) out.set(name, lock);
    }
    return out;
  }

  /**
   * Written before the caller's transaction commits; if that commit fails the account stays
   * unlocked but the attempt is not lost: the router logs the failed call.
   */
  async clearLock(username: string): Promise<number> {
    const lookup = this.lookupOf(username);
    const journal = await PreauthJournal.load(this.dataDir);
    const failures = journal.failures(lookup);
    journal.clear(lookup);
    await journal.save();
    return failures;
  }

  /** The journal keeps a copy of the lockout settings: they apply before the database is open. */
  async lockoutPolicyChanged(): Promise<void> {
    await withLoginLock(this.dataDir, async () => {
      const journal = await PreauthJournal.load(this.dataDir);
      journal.setLockoutPolicy(this.policy);
      await journal.save();
    });
  }

  /** Checks a password against the account's own keyslot (re-authentication). */
  private async passwordOpensSlot(accountId: number, password: string): Promise<boolean> {
    const slot = this.keys.keyring.slots.find((s) => s.accountId === accountId);
    if (!slot) return false;
    const seed = await openSlot(this.vaultId, slot, password);
    if (!seed) return false;
    seed.fill(0);
    return true;
  }

  /**
   * Adds or replaces an account's keyslot. The keyring is written before the caller's
   * transaction commits; its new generation is recorded in that transaction.
   */
  async putSlot(tx: Queryable, username: string, accountId: number, password: string): Promise<Undo> {
    const { keyring, vmk } = this.keys;
    const place = { vaultId: this.vaultId, epoch: keyring.epoch, lookupSalt: keyring.lookupSalt };
    const slot = await makeSlot(place, { username, id: accountId }, password, vmk);
    return this.rewrite(tx, (slots) => [...slots.filter((s) => s.accountId !== accountId), slot]);
  }

  /**
   * Starts from keyring.json as it is on disk, not the copy read at unlock: another window or
   * CLI process may have changed it since (a closed account's slot must stay gone). A keyring
   * this VMK did not write means the vault key was rotated elsewhere: this session is over.
   */
  private async current(tx: Queryable): Promise<KeyringFile> {
    const disk = await readKeyring(path.join(this.dataDir, KEYRING_FILE));
    if (disk.vaultId !== this.vaultId || !keyringAuthentic(this.keys.vmk, disk))
      fail('NO_SESSION', 'session.keyRotated');
    if (disk.generation < ((await keyringGeneration(tx)) ?? 0)) fail('VAULT_DAMAGED', 'keyring.stale');
    return disk;
  }

  private async rewrite(tx: Queryable, change: (slots: KeyringFile['slots']) => KeyringFile['slots']): Promise<Undo> {
    const previous = await this.current(tx);
    const { mac: _mac, ...body } = previous;
    const generation = body.generation + 1;
    const next = sealKeyring(this.keys.vmk, { ...body, slots: change(body.slots), generation });
    const file = path.join(this.dataDir, KEYRING_FILE);
    await writeKeyring(file, next);
    await setKeyringGeneration(tx, generation);
    this.keys.keyring = next;
    return async () => {
      await writeKeyring(file, previous);
      this.keys.keyring = previous;
    };
  }

  /**
   * Replaces the VMK (docs/keyring-format.md, "Rotation"): the plan's own changes and the
   * rotation commit together; then the database is re-keyed and the new keyring takes over.
   * Holds the login lock throughout, so no login reads a keyring half-way. If anything fails
   * after the commit, this vault closes: the next login finishes the rotation.
   */
  async rotateKey(plan: RotationPlan, onStep?: StepHook): Promise<void> {
    if (this.closed) fail('NO_SESSION', 'session.locked');
    await withLoginLock(this.dataDir, async () => {
      const current = await this.current(this.db);
      const result = await rotate(this.dataDir, this.db, { ...this.keys, keyring: current }, plan, onStep);
      const previous = this.keys;
      this.keys = result.next;
      previous.vmk.fill(0);
      previous.audit.wipe();
      wipeEpochKeys(previous.epochs);
      if (result.error !== undefined) {
        await this.close().catch(() => undefined);
        if (result.error instanceof VaultError) throw result.error;
        fail('NO_SESSION', 'session.rotationInterrupted');
      }
    });
  }

  /**
   * Whether keyring.json now holds a newer vault key than this session's (rotated by another
   * process): `closed` when it holds no slot for the account, `rotated` when it does; null if not.
   */
  async rotatedElsewhere(accountId: number): Promise<'closed' | 'rotated' | null> {
    const disk = await readKeyring(path.join(this.dataDir, KEYRING_FILE));
    if (disk.vaultId !== this.vaultId || disk.epoch <= this.keys.keyring.epoch) return null;
    return disk.slots.some((s) => s.accountId === accountId) ? 'rotated' : 'closed';
  }

  /** The keys that open events sealed before unlock (preauth.json): this epoch's first. */
  preauthPrivateKeys(): KeyObject[] {
    return [...this.keys.epochs].reverse().map((e) => privateKeyFromSeed(e.preauthSeed));
  }

  openCaseKeys(tx: Queryable, create: boolean): Promise<CaseKeys | null> {
    if (this.closed) fail('NO_SESSION', 'session.locked');
    return CaseKeys.open(tx, this.keys.vmk, this.vaultId, this.keys.keyring.epoch, create);
  }

  /** The key epoch and generation of the keyring in use. */
  keyringState(): { epoch: number; generation: number } {
    return { epoch: this.keys.keyring.epoch, generation: this.keys.keyring.generation };
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /** Closes the database and wipes the key material held in memory. */
  async close(): Promise<void> {
    this.closed = true;
    this.keys.vmk.fill(0);
    this.keys.audit.wipe();
    wipeEpochKeys(this.keys.epochs);
    await this.db.close();
  }
}
