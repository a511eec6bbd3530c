/**
 * key_epochs: what each vault-key epoch needs after the VMK that made it is gone — its audit key
 * (to verify the events chained under it) and its pre-login seed (to open events sealed to it
 * before a rotation) — sealed under the current VMK and sealed again at every rotation. Each row
 * also holds its VMK's check value, so a rotation resumed after a crash takes only the VMK its
 * own transaction named (docs/keyring-format.md, "Rotation").
 */
import { createCipheriv, createDecipheriv, randomBytes, timingSafeEqual } from 'node:crypto';
import { fail } from '../errors';
import type { Queryable } from '../store/store';
import { sql } from '../store/sql';
import type { FieldKeys } from './field-cipher';
import { deriveSubkey } from './subkeys';

export interface EpochKeys {
  epoch: number;
  /** The first access-log event chained under this epoch's audit key. */
  firstSeq: number;
  startedAt: number;
  auditKey: Buffer;
  preauthSeed: Buffer;
  /** The key-check sub-key of the epoch's VMK. */
  check: Buffer;
  /**
   * A floor's: the epoch's field keys, kept so its sealed names stay readable after a rotation
   * (docs/field-seal.md). Absent on a station, and in a floor's newest row until its first
   * rotation (then they come from the VMK).
   */
  fields?: FieldKeys;
}

interface Row {
  epoch: number;
  first_seq: number;
  started_at: number;
  sealed: Buffer;
}

/** The keys a VMK gives its own epoch. */
export function keysOf(vmk: Buffer, vaultId: string, epoch: number, firstSeq: number, startedAt: number): EpochKeys {
  return {
    epoch,
    firstSeq,
    startedAt,
    auditKey: deriveSubkey(vmk, vaultId, 'audit-mac'),
    preauthSeed: deriveSubkey(vmk, vaultId, 'preauth-x25519'),
    check: deriveSubkey(vmk, vaultId, 'key-check'),
  };
}

/** True when `vmk` is the VMK of the epoch these keys belong to. */
export function isVmkOf(keys: EpochKeys, vmk: Buffer, vaultId: string): boolean {
  const check = deriveSubkey(vmk, vaultId, 'key-check');
  try {
    return timingSafeEqual(check, keys.check);
  } finally {
    check.fill(0);
  }
}

function aad(vaultId: string, epoch: number, firstSeq: number, startedAt: number): Buffer {
  return Buffer.from(`strongroom-epoch-keys/v1|${vaultId}|${epoch}|${firstSeq}|${startedAt}`, 'utf8');
}

function sealRow(vmk: Buffer, vaultId: string, keys: EpochKeys): Buffer {
  const key = deriveSubkey(vmk, vaultId, 'epoch-keys');
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  key.fill(0);
  cipher.setAAD(aad(vaultId, keys.epoch, keys.firstSeq, keys.startedAt));
  const parts = [keys.auditKey, keys.preauthSeed, keys.check];
  if (keys.fields) parts.push(keys.fields.seal, keys.fields.index);
  const plain = Buffer.concat(parts);
  const sealed = Buffer.concat([nonce, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  plain.fill(0);
  return sealed;
}

/** A row's plaintext: three keys, or five with a floor epoch's field keys. */
const PLAIN_LENGTHS = [96, 160];

function openRow(vmk: Buffer, vaultId: string, row: Row): EpochKeys | null {
  const length = Buffer.isBuffer(row.sealed) ? row.sealed.length - 12 - 16 : -1;
  if (!PLAIN_LENGTHS.includes(length)) return null;
  const key = deriveSubkey(vmk, vaultId, 'epoch-keys');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, row.sealed.subarray(0, 12));
    decipher.setAAD(aad(vaultId, row.epoch, row.first_seq, row.started_at));
    decipher.setAuthTag(row.sealed.subarray(12 + length));
    const plain = Buffer.concat([decipher.update(row.sealed.subarray(12, 12 + length)), decipher.final()]);
    return {
      epoch: row.epoch,
      firstSeq: row.first_seq,
      startedAt: row.started_at,
      auditKey: plain.subarray(0, 32),
      preauthSeed: plain.subarray(32, 64),
      check: plain.subarray(64, 96),
      ...(length === 160 ? { fields: { seal: plain.subarray(96, 128), index: plain.subarray(128, 160) } } : {}),
    };
  } catch {
    return null;
  } finally {
    key.fill(0);
  }
}

/** The newest epoch the database knows (1 for a vault from before epochs). */
export async function currentEpoch(db: Queryable): Promise<number> {
  const row = await db.get<{ epoch: number | null }>(sql`SELECT max(epoch) AS epoch FROM key_epochs`);
  return row?.epoch ?? 1;
}

/** The newest row as stored (its check value is compared before a resumed rotation's VMK is taken). */
export async function newestEpoch(db: Queryable, vmk: Buffer, vaultId: string): Promise<EpochKeys | null> {
  const row = await db.get<Row>(sql`SELECT * FROM key_epochs ORDER BY epoch DESC LIMIT 1`);
  return row ? openRow(vmk, vaultId, row) : null;
}

/**
 * Every epoch's keys, oldest first, opened with the VMK of `epoch` (the newest). A vault from
 * before epochs has one, from seq 1. Rows that don't open, skip an epoch, or end in an epoch
 * this VMK did not make mean the database was altered: damaged.
 */
export async function loadEpochKeys(db: Queryable, vmk: Buffer, vaultId: string, epoch: number): Promise<EpochKeys[]> {
  const rows = await db.all<Row>(sql`SELECT * FROM key_epochs ORDER BY epoch`);
  if (rows.length === 0) return epoch === 1 ? [keysOf(vmk, vaultId, 1, 1, 0)] : fail('VAULT_DAMAGED', 'vault.damaged');
  const keys = rows.map((row) => openRow(vmk, vaultId, row));
  const wellFormed = keys.every(
    (k, i) => k !== null && k.epoch === i + 1 && (i === 0 ? k.firstSeq === 1 : k.firstSeq > keys[i - 1]!.firstSeq),
  );
  const last = keys[keys.length - 1];
  if (!wellFormed || !last || last.epoch !== epoch || !isVmkOf(last, vmk, vaultId))
    fail('VAULT_DAMAGED', 'vault.damaged');
  return keys as EpochKeys[];
}

/** The rows as stored: each epoch's keys sealed under `vmk` (the newest epoch's). */
export function sealedEpochRows(
  vmk: Buffer,
  vaultId: string,
  keys: readonly EpochKeys[],
): { epoch: number; firstSeq: number; startedAt: number; sealed: Buffer }[] {
  return keys.map((k) => ({
    epoch: k.epoch,
    firstSeq: k.firstSeq,
    startedAt: k.startedAt,
    sealed: sealRow(vmk, vaultId, k),
  }));
}

/** Replaces every row, sealed under `vmk` (the newest epoch's), in the caller's transaction. */
export async function storeEpochKeys(
  tx: Queryable,
  vmk: Buffer,
  vaultId: string,
  keys: readonly EpochKeys[],
): Promise<void> {
  await tx.run(sql`DELETE FROM key_epochs`);
  for (const k of keys) {
    await tx.run(sql`INSERT INTO key_epochs (epoch, first_seq, started_at, sealed)
                     VALUES (${k.epoch}, ${k.firstSeq}, ${k.startedAt}, ${sealRow(vmk, vaultId, k)})`);
  }
}

export function wipeEpochKeys(keys: readonly EpochKeys[]): void {
  for (const k of keys) {
    k.auditKey.fill(0);
    k.preauthSeed.fill(0);
    k.check.fill(0);
    k.fields?.seal.fill(0);
    k.fields?.index.fill(0);
  }
}
