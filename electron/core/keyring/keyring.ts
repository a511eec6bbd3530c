/**
 * keyring.json: one keyslot per active account, each wrapping the vault master key (VMK).
 * Slots are found by a salted hash of the normalised username, so the file names no one.
 * Format: docs/keyring-format.md.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { fail } from '../errors';
import { writeFileAtomic } from '../fs/atomic-write';
import { base64Of, readBounded } from '../fs/outside-file';
import { usablePublicKey } from '../session/preauth-seal';
import { deriveKek, KDF_CAP, KDF_FLOOR, newKdfParams, type KdfParams } from './kdf';
import { slotAad, unwrapKey, wrapKey } from './slot-crypto';
import { deriveSubkey } from './subkeys';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

/** Active accounts one keyring holds at most (one slot each); far above any floor's staff. */
export const MAX_SLOTS = 10_000;
/** keyring.json at MAX_SLOTS slots, as writeKeyring writes it, is at most about 4.4 MB. */
const MAX_KEYRING_BYTES = 8 * 1024 * 1024;

// Bounds at read time (docs/keyring-format.md): anything outside them is a damaged keyring,
// refused before a password is tried, so an edited file can't stall or crash every login.
const KeyslotSchema = z.strictObject({
  slotId: z.string().regex(/^[0-9a-f]{16}$/),
  lookup: hex64,
  accountId: z.number().int().positive(),
  kdf: z.strictObject({
    alg: z.literal('argon2id'),
    m: z.number().int().min(KDF_FLOOR.m).max(KDF_CAP.m),
    t: z.number().int().min(KDF_FLOOR.t).max(KDF_CAP.t),
    p: z.number().int().min(KDF_FLOOR.p).max(KDF_CAP.p),
    salt: base64Of(16),
  }),
  nonce: base64Of(12),
  /** The 32-byte VMK under AES-256-GCM and its 16-byte tag. */
  wrapped: base64Of(32 + 16),
});
/** 密钥槽 — one account's wrapped copy of the vault master key. */
export type Keyslot = z.infer<typeof KeyslotSchema>;

const KeyringSchema = z.strictObject({
  format: z.literal('strongroom-keyring'),
  version: z.literal(1),
  vaultId: z.uuid(),
  lookupSalt: hex64,
  /** An X25519 public key that a seal can be made to (not one of the low-order points). */
  preauthPublicKey: base64Of(32).refine(usablePublicKey),
  slots: z.array(KeyslotSchema).max(MAX_SLOTS),
  /**
   * Counts the keyring's changes; the database holds the same number, advanced in the
   * transaction of each change, so a restored older keyring is refused. Absent in keyrings
   * written before it (generation 0).
   */
  generation: z
    .number()
    .int()
    .min(1)
    .max(2 ** 31 - 1)
    .optional(),
  mac: hex64,
});
export type KeyringFile = z.infer<typeof KeyringSchema>;
export type KeyringBody = Omit<KeyringFile, 'mac'>;

export const KEYRING_FILE = 'keyring.json';

export function normaliseUsername(username: string): string {
  return username.normalize('NFKC').trim().toLowerCase();
}

export function usernameLookup(lookupSalt: string, username: string): string {
  return createHmac('sha256', Buffer.from(lookupSalt, 'hex')).update(normaliseUsername(username), 'utf8').digest('hex');
}

function bodyBytes(body: KeyringBody): Buffer {
  // Canonical form: fixed key order, as written by writeKeyring (generation last, when present).
  const { format, version, vaultId, lookupSalt, preauthPublicKey, slots, generation } = body;
  return Buffer.from(
    JSON.stringify({ format, version, vaultId, lookupSalt, preauthPublicKey, slots, generation }),
    'utf8',
  );
}

/** The keyring's generation (0: written before generations). */
export function generationOf(file: KeyringBody): number {
  return file.generation ?? 0;
}

function macOf(vmk: Buffer, body: KeyringBody): string {
  return createHmac('sha256', deriveSubkey(vmk, body.vaultId, 'keyring-mac'))
    .update(bodyBytes(body))
    .digest('hex');
}

export function sealKeyring(vmk: Buffer, body: KeyringBody): KeyringFile {
  return { ...body, mac: macOf(vmk, body) };
}

/** True when the keyring was written by a holder of the VMK and not altered since. */
export function keyringAuthentic(vmk: Buffer, file: KeyringFile): boolean {
  return timingSafeEqual(Buffer.from(macOf(vmk, file), 'hex'), Buffer.from(file.mac, 'hex'));
}

export function newLookupSalt(): string {
  return randomBytes(32).toString('hex');
}

/** Reads keyring.json: missing is `vault.missing`; anything out of bounds is `keyring.damaged`. */
export async function readKeyring(path: string): Promise<KeyringFile> {
  let text: string | null;
  try {
    text = await readBounded(path, MAX_KEYRING_BYTES);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') fail('INPUT_REJECTED', 'vault.missing');
    throw err;
  }
  if (text === null) fail('VAULT_DAMAGED', 'keyring.damaged');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    fail('VAULT_DAMAGED', 'keyring.damaged');
  }
  const parsed = KeyringSchema.safeParse(json);
  if (!parsed.success) fail('VAULT_DAMAGED', 'keyring.damaged');
  return parsed.data;
}

/** Writes keyring.json; refuses, before touching the disk, a keyring it could not read back. */
export async function writeKeyring(path: string, file: KeyringFile): Promise<void> {
  if (!KeyringSchema.safeParse(file).success) throw new RangeError('keyring out of bounds: not written');
  const { format, version, vaultId, lookupSalt, preauthPublicKey, slots, generation, mac } = file;
  const text = JSON.stringify(
    { format, version, vaultId, lookupSalt, preauthPublicKey, slots, generation, mac },
    null,
    2,
  );
  await writeFileAtomic(path, `${text}\n`);
}

export function findSlot(file: KeyringFile, username: string): Keyslot | undefined {
  const lookup = Buffer.from(usernameLookup(file.lookupSalt, username), 'hex');
  return file.slots.find((slot) => timingSafeEqual(Buffer.from(slot.lookup, 'hex'), lookup));
}

/** What makeSlot otherwise draws at random; given only by test vectors (docs/keyring-format.md). */
export interface SlotInputs {
  /** Default: the floor parameters with a fresh salt. */
  kdf?: KdfParams;
  /** 8 bytes, hex. */
  slotId?: string;
  /** 12 bytes. */
  nonce?: Buffer;
}

export async function makeSlot(
  vaultId: string,
  lookupSalt: string,
  username: string,
  accountId: number,
  password: string,
  vmk: Buffer,
  fixed: SlotInputs = {},
): Promise<Keyslot> {
  const kdf: KdfParams = fixed.kdf ?? newKdfParams();
  const slotId = fixed.slotId ?? randomBytes(8).toString('hex');
  const kek = await deriveKek(password, kdf);
  try {
    const wrapped = wrapKey(kek, vmk, slotAad(vaultId, slotId, accountId), fixed.nonce);
    return { slotId, lookup: usernameLookup(lookupSalt, username), accountId, kdf, ...wrapped };
  } finally {
    kek.fill(0);
  }
}

/** Unwraps the VMK from a slot; null when the password is wrong. */
export async function openSlot(vaultId: string, slot: Keyslot, password: string): Promise<Buffer | null> {
  const kek = await deriveKek(password, slot.kdf);
  try {
    return unwrapKey(kek, slot, slotAad(vaultId, slot.slotId, slot.accountId));
  } finally {
    kek.fill(0);
  }
}

/** Same cost as a real slot, so an unknown username can't be told apart by timing. */
export async function burnKdf(password: string): Promise<void> {
  (await deriveKek(password, newKdfParams())).fill(0);
}
