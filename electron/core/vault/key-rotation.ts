/**
 * Rotating the vault master key (VMK): a new VMK sealed to every remaining account's public key,
 * the database re-keyed, the audit and pre-login keys of the old epoch kept sealed under the new
 * VMK. One crash-safe step: killed at any point, the vault opens afterwards with the old key or
 * the new one (docs/keyring-format.md, "Rotation").
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { AuditLog, NewEvent } from '../audit/audit-log';
import { rewrapCaseMaster } from '../cases/case-keys';
import { fail, VaultError } from '../errors';
import { syncDir } from '../fs/atomic-write';
import { currentEpoch, isVmkOf, keysOf, newestEpoch, storeEpochKeys, type EpochKeys } from '../keyring/epoch-keys';
import {
  KEYRING_FILE,
  KEYRING_NEXT_FILE,
  keyringAuthentic,
  preauthPublicKeyOf,
  readKeyring,
  resealSlot,
  sealKeyring,
  unsealVmk,
  writeKeyring,
  type KeyringFile,
} from '../keyring/keyring';
import { deriveSubkey } from '../keyring/subkeys';
import { Db } from '../store/db';
import type { Queryable } from '../store/store';
import { DB_FILE } from './manifest';
import { setKeyringGeneration } from './meta-repository';

/** The points a rotation passes; tests stop it at each (tests/integration/vault/key-rotation*.test.ts). */
export type RotationStep = 'nextWritten' | 'inTransaction' | 'committed' | 'rekeyed' | 'promoted';
export type StepHook = (step: RotationStep) => Promise<void> | void;

export interface KeyState {
  vmk: Buffer;
  keyring: KeyringFile;
  epochs: EpochKeys[];
  audit: AuditLog;
}

export interface RotationPlan {
  reason: 'accountClosed' | 'requested';
  /** The account whose slot is not carried into the new keyring (closing it). */
  dropAccountId?: number | undefined;
  /** IT's reason for a rotation it asked for. */
  note?: string | undefined;
  /** The action's own changes and events, in the rotation's transaction, before its event. */
  work: (tx: Queryable) => Promise<NewEvent[]>;
  by: Pick<NewEvent, 'at' | 'actor' | 'actorId' | 'seat'>;
}

function sqlcipherKey(vmk: Buffer, vaultId: string): Buffer {
  return deriveSubkey(vmk, vaultId, 'sqlcipher');
}

/** Makes keyring.next.json keyring.json (atomic rename, then the directory synced). */
async function promote(dataDir: string): Promise<void> {
  await fs.rename(path.join(dataDir, KEYRING_NEXT_FILE), path.join(dataDir, KEYRING_FILE));
  await syncDir(dataDir);
}

/**
 * Runs a rotation on an open vault. Before its transaction commits nothing has changed (the
 * pending keyring is removed on failure); after, the database names the new key, and an error
 * leaves finishing to the next login, so the caller must drop its keys and end the session.
 * `onStep` is for tests only.
 */
export async function rotate(
  dataDir: string,
  db: Db,
  state: KeyState,
  plan: RotationPlan,
  onStep?: StepHook,
): Promise<{ next: KeyState; error?: unknown }> {
  const { vaultId, epoch } = state.keyring;
  const vmk = randomBytes(32);
  const place = { vaultId, epoch: epoch + 1 };
  const { mac: _mac, ...body } = state.keyring;
  const keyring = sealKeyring(vmk, {
    ...body,
    epoch: place.epoch,
    generation: body.generation + 1,
    preauthPublicKey: preauthPublicKeyOf(vmk, vaultId),
    slots: body.slots.filter((s) => s.accountId !== plan.dropAccountId).map((s) => resealSlot(place, s, vmk)),
  });
  const nextFile = path.join(dataDir, KEYRING_NEXT_FILE);
  let audit: AuditLog | undefined;
  let epochs: EpochKeys[] = [];
  try {
    await writeKeyring(nextFile, keyring);
    await onStep?.('nextWritten');
    await db.transaction(async (tx) => {
      const events = await plan.work(tx);
      if (events.length > 0) await state.audit.append(tx, ...events);
      await rewrapCaseMaster(tx, vaultId, { vmk: state.vmk, epoch }, { vmk, epoch: place.epoch });
      const firstSeq = (await state.audit.head(tx)).seq + 1;
      const fresh = keysOf(vmk, vaultId, place.epoch, firstSeq, plan.by.at);
      epochs = [...state.epochs.map(copyKeys), fresh];
      await storeEpochKeys(tx, vmk, vaultId, epochs);
      await setKeyringGeneration(tx, keyring.generation);
      audit = state.audit.withEpoch(firstSeq, Buffer.from(fresh.auditKey));
      await audit.append(tx, {
        ...plan.by,
        action: 'vault.keyRotated',
        object: vaultId,
        outcome: 'ok',
        detail: {
          reason: plan.reason,
          fromEpoch: epoch,
          toEpoch: place.epoch,
          slots: keyring.slots.length,
          ...(plan.note === undefined ? {} : { note: plan.note }),
        },
      });
      await onStep?.('inTransaction');
    });
  } catch (err) {
    await fs.rm(nextFile, { force: true });
    vmk.fill(0);
    throw err;
  }
  const next: KeyState = { vmk, keyring, epochs, audit: audit! };
  try {
    await onStep?.('committed');
    const key = sqlcipherKey(vmk, vaultId);
    try {
      await db.rekey(key);
    } finally {
      key.fill(0);
    }
    await onStep?.('rekeyed');
    await promote(dataDir);
    await onStep?.('promoted');
    return { next };
  } catch (error) {
    return { next, error };
  }
}

function copyKeys(k: EpochKeys): EpochKeys {
  return {
    ...k,
    auditKey: Buffer.from(k.auditKey),
    preauthSeed: Buffer.from(k.preauthSeed),
    check: Buffer.from(k.check),
  };
}

export interface Opened {
  db: Db;
  vmk: Buffer;
  keyring: KeyringFile;
}

async function readNext(dataDir: string): Promise<KeyringFile | null> {
  try {
    return await readKeyring(path.join(dataDir, KEYRING_NEXT_FILE));
  } catch (err) {
    // Missing, or out of bounds: no pending keyring, never used.
    if (err instanceof VaultError) return null;
    throw err;
  }
}

/** The VMK a keyring seals to this account, or the refusal that fits. */
function vmkFor(keyring: KeyringFile, accountId: number, accountSeed: Buffer): Buffer {
  const slot = keyring.slots.find((s) => s.accountId === accountId);
  // A slot left out of the new keyring is a closed account's.
  if (!slot) fail('AUTH_FAILED', 'login.failed');
  const vmk = unsealVmk({ vaultId: keyring.vaultId, epoch: keyring.epoch }, slot, accountSeed);
  if (!vmk) fail('VAULT_DAMAGED', 'keyring.damaged');
  return vmk;
}

async function openDb(dataDir: string, vmk: Buffer, vaultId: string): Promise<Db> {
  const key = sqlcipherKey(vmk, vaultId);
  try {
    return await Db.open(path.join(dataDir, DB_FILE), key, false);
  } catch (err) {
    if (err instanceof VaultError && err.key === 'dataDir.notWritable') fail('VAULT_DAMAGED', 'vault.damaged');
    throw err;
  } finally {
    key.fill(0);
  }
}

function isDamaged(err: unknown): boolean {
  return err instanceof VaultError && err.code === 'VAULT_DAMAGED' && err.key === 'vault.damaged';
}

/**
 * Opens the database with the account's key, finishing a rotation a crash interrupted:
 * - it opens with keyring.json's VMK and names that epoch: a pending keyring is abandoned;
 * - it opens but names the next epoch (the rotation committed, the re-key did not): the pending
 *   keyring's VMK, if the database's own check value vouches for it, re-keys it now;
 * - it opens only with the pending keyring's VMK (re-keyed, not yet renamed): renamed now.
 * `prepare` runs on the database before its epoch is read (integrity check and migrations).
 */
export async function openCurrent(
  dataDir: string,
  keyring: KeyringFile,
  accountId: number,
  accountSeed: Buffer,
  prepare: (db: Db) => Promise<void>,
): Promise<Opened> {
  const vmk = vmkFor(keyring, accountId, accountSeed);
  if (!keyringAuthentic(vmk, keyring)) fail('VAULT_DAMAGED', 'keyring.damaged');
  const pending = await readNext(dataDir);
  let db: Db;
  try {
    db = await openDb(dataDir, vmk, keyring.vaultId);
  } catch (err) {
    vmk.fill(0);
    if (!isDamaged(err)) throw err;
    // Re-keyed but not renamed, or a keyring older than the database.
    return openRekeyed(dataDir, keyring, pending, accountId, accountSeed, prepare);
  }
  try {
    await prepare(db);
    const stored = await currentEpoch(db);
    if (stored === keyring.epoch) {
      // A rotation that stopped before its transaction committed: nothing refers to its keyring.
      if (pending) await fs.rm(path.join(dataDir, KEYRING_NEXT_FILE), { force: true });
      return { db, vmk, keyring };
    }
    if (!pending || stored !== keyring.epoch + 1 || pending.epoch !== stored) fail('VAULT_DAMAGED', 'keyring.stale');
    const nextVmk = await resumeRekey(db, pending, accountId, accountSeed);
    await promote(dataDir);
    vmk.fill(0);
    return { db, vmk: nextVmk, keyring: pending };
  } catch (err) {
    await db.close();
    throw err;
  }
}

/** Committed, not re-keyed: re-keys with the VMK the database's newest epoch names, no other. */
async function resumeRekey(db: Db, pending: KeyringFile, accountId: number, accountSeed: Buffer): Promise<Buffer> {
  const nextVmk = vmkFor(pending, accountId, accountSeed);
  try {
    const newest = await newestEpoch(db, nextVmk, pending.vaultId);
    if (!newest || !isVmkOf(newest, nextVmk, pending.vaultId) || !keyringAuthentic(nextVmk, pending))
      fail('VAULT_DAMAGED', 'keyring.stale');
    const key = sqlcipherKey(nextVmk, pending.vaultId);
    try {
      await db.rekey(key);
    } finally {
      key.fill(0);
    }
    return nextVmk;
  } catch (err) {
    nextVmk.fill(0);
    throw err;
  }
}

/** The database opens only under the pending keyring's VMK: the re-key committed; rename. */
async function openRekeyed(
  dataDir: string,
  keyring: KeyringFile,
  pending: KeyringFile | null,
  accountId: number,
  accountSeed: Buffer,
  prepare: (db: Db) => Promise<void>,
): Promise<Opened> {
  if (!pending || pending.vaultId !== keyring.vaultId || pending.epoch !== keyring.epoch + 1)
    fail('VAULT_DAMAGED', 'keyring.stale');
  const vmk = vmkFor(pending, accountId, accountSeed);
  try {
    if (!keyringAuthentic(vmk, pending)) fail('VAULT_DAMAGED', 'keyring.stale');
    let db: Db;
    try {
      db = await openDb(dataDir, vmk, pending.vaultId);
    } catch (err) {
      if (isDamaged(err)) fail('VAULT_DAMAGED', 'keyring.stale');
      throw err;
    }
    try {
      await prepare(db);
      if ((await currentEpoch(db)) !== pending.epoch) fail('VAULT_DAMAGED', 'keyring.stale');
      const newest = await newestEpoch(db, vmk, pending.vaultId);
      if (!newest || !isVmkOf(newest, vmk, pending.vaultId)) fail('VAULT_DAMAGED', 'vault.damaged');
      await promote(dataDir);
    } catch (err) {
      await db.close();
      throw err;
    }
    return { db, vmk, keyring: pending };
  } catch (err) {
    vmk.fill(0);
    throw err;
  }
}
