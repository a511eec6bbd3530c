/** An unlocked vault: the open database, the keys derived from the VMK, policy and role matrix. */
import type { KeyObject } from 'node:crypto';
import path from 'node:path';
import { loadMatrix, type Matrix } from '../access/role-permissions';
import { AuditLog } from '../audit/audit-log';
import { PreauthJournal } from '../session/preauth-journal';
import { privateKeyFromSeed } from '../session/preauth-seal';
import { deriveSeatId } from '../seats/seat-id';
import type { VaultEnv } from './env';
import {
  generationOf,
  KEYRING_FILE,
  keyringAuthentic,
  makeSlot,
  openSlot,
  sealKeyring,
  usernameLookup,
  writeKeyring,
  type KeyringFile,
} from '../keyring/keyring';
import { deriveSubkey } from '../keyring/subkeys';
import { loadPolicy } from '../policy/policy-repository';
import type { Policy } from '../policy/policy';
import type { Db, Queryable } from '../store/db';
import { setKeyringGeneration } from './meta-repository';

/** Undo for a keyring write, for when the database transaction fails after it. */
export type Undo = () => Promise<void>;

export class OpenVault {
  readonly audit: AuditLog;
  readonly seatId: string;
  policy!: Policy;
  matrix!: Matrix;
  private timeFloor = 0;

  constructor(
    readonly dataDir: string,
    readonly vaultId: string,
    readonly db: Db,
    private readonly vmk: Buffer,
    private keyring: KeyringFile,
    readonly env: VaultEnv,
  ) {
    this.audit = new AuditLog(deriveSubkey(vmk, vaultId, 'audit-mac'), vaultId);
    this.seatId = deriveSeatId(vaultId, env.machineId());
  }

  /** Re-reads the policy and the role × permission matrix (after unlock and after edits). */
  async reloadSettings(): Promise<void> {
    this.policy = await loadPolicy(this.db);
    this.matrix = await loadMatrix(this.db);
  }

  /**
   * The vault's time: the wall clock, but never before the newest event in the access log
   * (read at unlock, not from any file outside the database), and never going backwards while
   * open. Events, password expiry and the ledger use it; setting the clock back moves none.
   */
  now(): number {
    this.timeFloor = Math.max(this.env.clock.now(), this.timeFloor);
    return this.timeFloor;
  }

  /** Reads the newest event time, below which now() never goes. */
  async loadTimeFloor(): Promise<void> {
    this.timeFloor = Math.max(this.timeFloor, await this.audit.newestAt(this.db));
  }

  lookupOf(username: string): string {
    return usernameLookup(this.keyring.lookupSalt, username);
  }

  async journal(): Promise<PreauthJournal> {
    return PreauthJournal.load(this.dataDir);
  }

  /** Checks a password against the account's own keyslot (re-authentication). */
  async passwordOpensSlot(accountId: number, password: string): Promise<boolean> {
    const slot = this.keyring.slots.find((s) => s.accountId === accountId);
    if (!slot) return false;
    const vmk = await openSlot(this.vaultId, slot, password);
    if (!vmk) return false;
    vmk.fill(0);
    return true;
  }

  /**
   * Adds or replaces an account's keyslot. The keyring is written before the caller's
   * transaction commits; its new generation is recorded in that transaction.
   */
  async putSlot(tx: Queryable, username: string, accountId: number, password: string): Promise<Undo> {
    const slot = await makeSlot(this.vaultId, this.keyring.lookupSalt, username, accountId, password, this.vmk);
    return this.rewrite(tx, (slots) => [...slots.filter((s) => s.accountId !== accountId), slot]);
  }

  /** Destroys an account's keyslot: that password can never open the vault again. */
  async removeSlot(tx: Queryable, accountId: number): Promise<Undo> {
    return this.rewrite(tx, (slots) => slots.filter((s) => s.accountId !== accountId));
  }

  private async rewrite(tx: Queryable, change: (slots: KeyringFile['slots']) => KeyringFile['slots']): Promise<Undo> {
    const previous = this.keyring;
    const { mac: _mac, ...body } = previous;
    const generation = generationOf(body) + 1;
    const next = sealKeyring(this.vmk, { ...body, slots: change(body.slots), generation });
    const file = path.join(this.dataDir, KEYRING_FILE);
    await writeKeyring(file, next);
    await setKeyringGeneration(tx, generation);
    this.keyring = next;
    return async () => {
      await writeKeyring(file, previous);
      this.keyring = previous;
    };
  }

  /** The key that opens events sealed before unlock (preauth.json). */
  preauthPrivateKey(): KeyObject {
    const seed = deriveSubkey(this.vmk, this.vaultId, 'preauth-x25519');
    try {
      return privateKeyFromSeed(seed);
    } finally {
      seed.fill(0);
    }
  }

  /** The generation of the keyring this vault was opened with. */
  keyringGeneration(): number {
    return generationOf(this.keyring);
  }

  keyringIsAuthentic(): boolean {
    return keyringAuthentic(this.vmk, this.keyring);
  }

  slotCount(): number {
    return this.keyring.slots.length;
  }

  /** Closes the database and wipes the key material held in memory. */
  async close(): Promise<void> {
    this.vmk.fill(0);
    this.audit.wipe();
    await this.db.close();
  }
}
