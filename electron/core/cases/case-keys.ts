/**
 * The keys of case data (docs/case-data.md):
 *
 * - the vault's **case master key** (CMK): 32 random bytes made at the first import, stored in
 *   `case_keys` wrapped under the VMK's `case-kwk` sub-key, re-wrapped when the VMK rotates;
 * - per **batch** a random data key, wrapped under the CMK's batch-wrap key in `batches.data_key`:
 *   deleting it shreds every copy of that batch's PII;
 * - per searchable field a **blind-index** key from the CMK: HMAC-SHA256 of the normalised value,
 *   the first 16 bytes stored as the token.
 *
 * Keys are wrapped with AES-256-GCM; field values are sealed with ChaCha20-Poly1305 (RFC 8439,
 * libsodium), an import seals millions and one call into libsodium costs a seventh of one through
 * node:crypto's cipher objects. Both take a random 96-bit nonce, are stored as nonce ‖ ciphertext ‖
 * tag, and carry associated data naming exactly what it is (so no value can be moved elsewhere).
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, randomFillSync } from 'node:crypto';
import sodium from 'sodium-native';
import { fail } from '../errors';
import { deriveSubkey } from '../keyring/subkeys';
import { sql } from '../store/sql';
import type { Queryable } from '../store/store';
import { TokenHmac } from './token-hmac';

const NONCE = 12;
const TAG = 16;
export const TOKEN_BYTES = 16;

export type LookupField = 'name' | 'id' | 'card' | 'phone';

/**
 * Random nonces drawn from a pool filled 4,096 at a time: the same CSPRNG output as one
 * randomBytes(12) per value, without a call into it per field (an import seals millions).
 */
const POOL = Buffer.alloc(NONCE * 4096);
let pooled = POOL.length;
/** Fills `target` (NONCE bytes) with the pool's next nonce; each is used once. */
function takeNonce(target: Buffer): Buffer {
  if (pooled === POOL.length) {
    randomFillSync(POOL);
    pooled = 0;
  }
  POOL.copy(target, 0, pooled, pooled + NONCE);
  POOL.fill(0, pooled, pooled + NONCE);
  pooled += NONCE;
  return target;
}

export function gcmSeal(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  const nonce_ = takeNonce(Buffer.alloc(NONCE));
  const cipher = createCipheriv('aes-256-gcm', key, nonce_);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  return Buffer.concat([nonce_, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

/** A value that does not open under its key and place was altered or moved: damage. */
export function gcmOpen(key: Buffer, sealed: Uint8Array, aad: string): Buffer {
  const bytes = Buffer.from(sealed);
  if (bytes.length < NONCE + TAG) fail('VAULT_DAMAGED', 'vault.damaged');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, NONCE));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG));
    return Buffer.concat([decipher.update(bytes.subarray(NONCE, bytes.length - TAG)), decipher.final()]);
  } catch {
    return fail('VAULT_DAMAGED', 'vault.damaged');
  }
}

/**
 * A field value sealed under a batch key: ChaCha20-Poly1305, nonce ‖ ciphertext ‖ tag, written in
 * one buffer. `nonce` is for test vectors only; otherwise the pool's.
 */
export function fieldSeal(key: Buffer, plaintext: Buffer, aad: string, nonce?: Buffer): Buffer {
  const out = Buffer.allocUnsafe(NONCE + plaintext.length + TAG);
  if (nonce) nonce.copy(out, 0, 0, NONCE);
  else takeNonce(out);
  sodium.crypto_aead_chacha20poly1305_ietf_encrypt(
    out.subarray(NONCE),
    plaintext,
    Buffer.from(aad, 'utf8'),
    null,
    out.subarray(0, NONCE),
    key,
  );
  return out;
}

/** A field value that does not open under its key and place was altered or moved: damage. */
export function fieldOpen(key: Buffer, sealed: Uint8Array, aad: string): Buffer {
  if (sealed.length < NONCE + TAG) fail('VAULT_DAMAGED', 'vault.damaged');
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.length);
  const out = Buffer.alloc(bytes.length - NONCE - TAG);
  try {
    sodium.crypto_aead_chacha20poly1305_ietf_decrypt(
      out,
      null,
      bytes.subarray(NONCE),
      Buffer.from(aad, 'utf8'),
      bytes.subarray(0, NONCE),
      key,
    );
  } catch {
    fail('VAULT_DAMAGED', 'vault.damaged');
  }
  return out;
}

function hkdf(key: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `strongroom/v1/${info}`, 32));
}

const masterAad = (vaultId: string, epoch: number): string => `strongroom-case-master/v1|${vaultId}|${epoch}`;
const batchAad = (vaultId: string, ceremonyId: string): string => `strongroom-batch-key/v1|${vaultId}|${ceremonyId}`;

/** How each searchable field's value is made comparable before it is indexed (and searched). */
export function lookupForm(field: LookupField, value: string): string {
  const text = value.normalize('NFKC').trim();
  switch (field) {
    case 'name':
      return text.replace(/\s+/g, '');
    case 'id':
      return text.toUpperCase();
    case 'card':
    case 'phone':
      return text.replace(/\D/g, '');
  }
}

/** The blind-index token of `value` under its field's index key. */
export function blindToken(key: Buffer, field: LookupField, value: string): Buffer {
  const index = new BlindIndex({ [field]: key });
  try {
    return index.token(field, value);
  } finally {
    index.wipe();
  }
}

/** Tokens of many values (an import's chunk) under the fields' index keys; wipe() when done. */
export class BlindIndex {
  private readonly hmacs = new Map<LookupField, TokenHmac>();

  constructor(keys: Partial<Record<LookupField, Uint8Array>>) {
    for (const [field, key] of Object.entries(keys)) if (key) this.hmacs.set(field as LookupField, new TokenHmac(key));
  }

  token(field: LookupField, value: string): Buffer {
    const hmac = this.hmacs.get(field);
    if (!hmac) throw new Error(`no index key for ${field}`);
    return hmac.digest(lookupForm(field, value)).subarray(0, TOKEN_BYTES);
  }

  wipe(): void {
    for (const hmac of this.hmacs.values()) hmac.wipe();
  }
}

/** The keys a seal worker gets, 32 bytes each in this order (CaseKeys.sealKeys). */
export const SEAL_KEYS = ['batch', 'name', 'id', 'card', 'phone'] as const;

/** The unwrapped case master key and what it derives. */
export class CaseKeys {
  private readonly batchWrap: Buffer;
  private readonly index: Record<LookupField, Buffer>;

  private constructor(
    master: Buffer,
    readonly vaultId: string,
  ) {
    this.batchWrap = hkdf(master, 'batch-kwk');
    this.index = {
      name: hkdf(master, 'case-index/name'),
      id: hkdf(master, 'case-index/id'),
      card: hkdf(master, 'case-index/card'),
      phone: hkdf(master, 'case-index/phone'),
    };
    master.fill(0);
  }

  /**
   * The vault's case keys, made (and stored, in `tx`) at the first import. `vmk`, `epoch`: the
   * vault key in use. Concurrent first imports on a floor conflict on the row; one retries.
   */
  static async open(
    tx: Queryable,
    vmk: Buffer,
    vaultId: string,
    epoch: number,
    create: boolean,
  ): Promise<CaseKeys | null> {
    const kwk = deriveSubkey(vmk, vaultId, 'case-kwk');
    try {
      let row = await tx.get<{ epoch: number | string; wrapped: Uint8Array }>(
        sql`SELECT epoch, wrapped FROM case_keys WHERE name = 'master'`,
      );
      if (!row) {
        if (!create) return null;
        const master = randomBytes(32);
        const wrapped = gcmSeal(kwk, master, masterAad(vaultId, epoch));
        master.fill(0);
        await tx.run(
          sql`INSERT INTO case_keys (name, epoch, wrapped) VALUES ('master', ${epoch}, ${wrapped}) ON CONFLICT (name) DO NOTHING`,
        );
        row = await tx.get(sql`SELECT epoch, wrapped FROM case_keys WHERE name = 'master'`);
      }
      if (!row || Number(row.epoch) !== epoch) fail('VAULT_DAMAGED', 'vault.damaged');
      return new CaseKeys(gcmOpen(kwk, row.wrapped, masterAad(vaultId, epoch)), vaultId);
    } finally {
      kwk.fill(0);
    }
  }

  /** A new batch's data key and its wrapped form (`batches.data_key`), bound to its ceremony. */
  newBatchKey(ceremonyId: string): { key: Buffer; wrapped: Buffer } {
    const key = randomBytes(32);
    return { key, wrapped: gcmSeal(this.batchWrap, key, batchAad(this.vaultId, ceremonyId)) };
  }

  openBatchKey(ceremonyId: string, wrapped: Uint8Array): Buffer {
    return gcmOpen(this.batchWrap, wrapped, batchAad(this.vaultId, ceremonyId));
  }

  /** The blind-index token of a value (its lookup form): what an exact search matches. */
  token(field: LookupField, value: string): Buffer {
    return blindToken(this.index[field], field, value);
  }

  /**
   * A batch key and the four index keys in memory the seal workers share (SEAL_KEYS's layout):
   * zeroing it wipes them in every worker at once, without waiting for one to be idle.
   */
  sealKeys(batchKey: Buffer): SharedArrayBuffer {
    const shared = new SharedArrayBuffer(32 * SEAL_KEYS.length);
    const bytes = Buffer.from(shared);
    SEAL_KEYS.forEach((name, i) => bytes.set(name === 'batch' ? batchKey : this.index[name], i * 32));
    return shared;
  }

  wipe(): void {
    this.batchWrap.fill(0);
    for (const key of Object.values(this.index)) key.fill(0);
  }
}

/**
 * When the VMK rotates (key-rotation.ts, FloorVault.rotateKey), in the rotation's transaction:
 * the case master key wrapped anew under the new VMK, so batch keys and tokens stay as they are.
 */
export async function rewrapCaseMaster(
  tx: Queryable,
  vaultId: string,
  from: { vmk: Buffer; epoch: number },
  to: { vmk: Buffer; epoch: number },
): Promise<void> {
  const row = await tx.get<{ epoch: number | string; wrapped: Uint8Array }>(
    sql`SELECT epoch, wrapped FROM case_keys WHERE name = 'master'`,
  );
  if (!row) return;
  if (Number(row.epoch) !== from.epoch) fail('VAULT_DAMAGED', 'vault.damaged');
  const oldKwk = deriveSubkey(from.vmk, vaultId, 'case-kwk');
  const newKwk = deriveSubkey(to.vmk, vaultId, 'case-kwk');
  const master = gcmOpen(oldKwk, row.wrapped, masterAad(vaultId, from.epoch));
  try {
    const wrapped = gcmSeal(newKwk, master, masterAad(vaultId, to.epoch));
    await tx.run(sql`UPDATE case_keys SET epoch = ${to.epoch}, wrapped = ${wrapped} WHERE name = 'master'`);
  } finally {
    master.fill(0);
    oldKwk.fill(0);
    newKwk.fill(0);
  }
}

/** One batch's field seal (fieldSeal): each value bound to its vault, batch, case number and column. */
export class BatchSeal {
  constructor(
    private readonly key: Buffer,
    private readonly vaultId: string,
    private readonly batchId: number,
  ) {}

  private aad(caseNo: string, column: string): string {
    return `strongroom-case-field/v2|${this.vaultId}|${this.batchId}|${caseNo}|${column}`;
  }

  seal(caseNo: string, column: string, text: string): Buffer {
    return fieldSeal(this.key, Buffer.from(text, 'utf8'), this.aad(caseNo, column));
  }

  open(caseNo: string, column: string, sealed: Uint8Array): string {
    return fieldOpen(this.key, sealed, this.aad(caseNo, column)).toString('utf8');
  }

  /** A masked form kept sealed (an address's district), as text: `m1:` and base64url. */
  sealMask(caseNo: string, column: string, mask: string): string {
    return `m1:${this.seal(caseNo, `${column}_mask`, mask).toString('base64url')}`;
  }

  openMask(caseNo: string, column: string, stored: string): string {
    if (!stored.startsWith('m1:')) return stored;
    return this.open(caseNo, `${column}_mask`, Buffer.from(stored.slice(3), 'base64url'));
  }

  wipe(): void {
    this.key.fill(0);
  }
}
