/**
 * keyring.json: one keyslot per active account. A slot holds the account's X25519 key pair (the
 * private key wrapped under its password's Argon2id KEK) and the vault master key (VMK) sealed
 * to its public key, so a new VMK can be sealed to everyone without their passwords. Slots are
 * found by a salted hash of the normalised username, so the file names no one.
 * Format: docs/keyring-format.md.
 */
import { createHmac, generateKeyPairSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { fail } from '../errors';
import { writeFileAtomic } from '../fs/atomic-write';
import { base64Of, readBounded } from '../fs/outside-file';
import { privateKeyFromSeed, rawPublicKey, usablePublicKey } from '../session/preauth-seal';
import { deriveKek, KDF_CAP, KDF_FLOOR, newKdfParams, type KdfParams } from './kdf';
import { openSealedKey, sealAad, sealKey, type KeySealInputs } from './key-seal';
import { slotAad, unwrapKey, wrapKey } from './slot-crypto';
import { deriveSubkey } from './subkeys';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const X25519PublicKey = base64Of(32).refine(usablePublicKey);
const Counter = z
  .number()
  .int()
  .min(1)
  .max(2 ** 31 - 1);

/** Active accounts one keyring holds at most (one slot each); far above any floor's staff. */
export const MAX_SLOTS = 10_000;
/** keyring.json at MAX_SLOTS slots, as writeKeyring writes it, is at most about 7 MB. */
const MAX_KEYRING_BYTES = 12 * 1024 * 1024;

// Bounds at read time (docs/keyring-format.md): anything outside them is a damaged keyring,
// refused before a password is tried, so an edited file can't stall or crash every login.
export const KeyslotSchema = z.strictObject({
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
  /** The account's X25519 public key. */
  publicKey: X25519PublicKey,
  /** Its 32-byte private key under the KEK (AES-256-GCM, ciphertext ‖ 16-byte tag). */
  privateKey: z.strictObject({ nonce: base64Of(12), wrapped: base64Of(32 + 16) }),
  /** The VMK of the keyring's epoch, sealed to publicKey. */
  vmk: z.strictObject({ epk: X25519PublicKey, nonce: base64Of(12), ct: base64Of(32 + 16) }),
});
/** 密钥槽 — one account's key pair and its sealed copy of the vault master key. */
export type Keyslot = z.infer<typeof KeyslotSchema>;

const KeyringSchema = z.strictObject({
  format: z.literal('strongroom-keyring'),
  version: z.literal(2),
  vaultId: z.uuid(),
  /** Which VMK the slots hold: 1 at creation, one more at every rotation. */
  epoch: Counter,
  /**
   * Counts the keyring's changes; the database holds the same number, advanced in the
   * transaction of each change, so a restored older keyring is refused.
   */
  generation: Counter,
  lookupSalt: hex64,
  /** An X25519 public key that a seal can be made to (not one of the low-order points). */
  preauthPublicKey: X25519PublicKey,
  slots: z.array(KeyslotSchema).max(MAX_SLOTS),
  mac: hex64,
});
export type KeyringFile = z.infer<typeof KeyringSchema>;
export type KeyringBody = Omit<KeyringFile, 'mac'>;

export const KEYRING_FILE = 'keyring.json';
/** The keyring of a rotation under way; it replaces keyring.json when the database is re-keyed. */
export const KEYRING_NEXT_FILE = 'keyring.next.json';

export function normaliseUsername(username: string): string {
  return username.normalize('NFKC').trim().toLowerCase();
}

export function usernameLookup(lookupSalt: string, username: string): string {
  return createHmac('sha256', Buffer.from(lookupSalt, 'hex')).update(normaliseUsername(username), 'utf8').digest('hex');
}

/** Canonical form: every object's keys in the documented order, no whitespace. */
function canonical(file: KeyringBody & { mac?: string }): object {
  const { format, version, vaultId, epoch, generation, lookupSalt, preauthPublicKey, slots, mac } = file;
  return {
    format,
    version,
    vaultId,
    epoch,
    generation,
    lookupSalt,
    preauthPublicKey,
    slots: slots.map(({ slotId, lookup, accountId, kdf, publicKey, privateKey, vmk }) => ({
      slotId,
      lookup,
      accountId,
      kdf: { alg: kdf.alg, m: kdf.m, t: kdf.t, p: kdf.p, salt: kdf.salt },
      publicKey,
      privateKey: { nonce: privateKey.nonce, wrapped: privateKey.wrapped },
      vmk: { epk: vmk.epk, nonce: vmk.nonce, ct: vmk.ct },
    })),
    mac,
  };
}

function bodyBytes(body: KeyringBody): Buffer {
  return Buffer.from(JSON.stringify(canonical({ ...body, mac: undefined })), 'utf8');
}

function macOf(vmk: Buffer, body: KeyringBody): string {
  return createHmac('sha256', deriveSubkey(vmk, body.vaultId, 'keyring-mac'))
    .update(bodyBytes(body))
    .digest('hex');
}

export function sealKeyring(vmk: Buffer, body: KeyringBody): KeyringFile {
  return { ...body, mac: macOf(vmk, body) };
}

/** True when the keyring was written by a holder of its VMK and not altered since. */
export function keyringAuthentic(vmk: Buffer, file: KeyringFile): boolean {
  return timingSafeEqual(Buffer.from(macOf(vmk, file), 'hex'), Buffer.from(file.mac, 'hex'));
}

export function newLookupSalt(): string {
  return randomBytes(32).toString('hex');
}

/** The public key events are sealed to before unlock, for the given VMK. */
export function preauthPublicKeyOf(vmk: Buffer, vaultId: string): string {
  const seed = deriveSubkey(vmk, vaultId, 'preauth-x25519');
  try {
    return rawPublicKey(privateKeyFromSeed(seed));
  } finally {
    seed.fill(0);
  }
}

/** Reads a keyring file: missing is `vault.missing`; anything out of bounds is `keyring.damaged`. */
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

/** Writes a keyring file; refuses, before touching the disk, a keyring it could not read back. */
export async function writeKeyring(path: string, file: KeyringFile): Promise<void> {
  if (!KeyringSchema.safeParse(file).success) throw new RangeError('keyring out of bounds: not written');
  await writeFileAtomic(path, `${JSON.stringify(canonical(file), null, 2)}\n`);
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
  /** The account's X25519 private key, 32 bytes. */
  accountSeed?: Buffer;
  /** 12 bytes, for the private key's wrap. */
  nonce?: Buffer;
  seal?: KeySealInputs;
}

/** Where a slot belongs: its vault and the epoch of the VMK it holds. */
export interface SlotPlace {
  vaultId: string;
  epoch: number;
}

/** A new key pair for the account, its private key under the password, the VMK sealed to it. */
export async function makeSlot(
  place: SlotPlace & { lookupSalt: string },
  account: { username: string; id: number },
  password: string,
  vmk: Buffer,
  fixed: SlotInputs = {},
): Promise<Keyslot> {
  const kdf: KdfParams = fixed.kdf ?? newKdfParams();
  const kek = await deriveKek(password, kdf);
  try {
    return slotUnderKek(place, account, kek, kdf, vmk, fixed);
  } finally {
    kek.fill(0);
  }
}

/** makeSlot once the KEK is derived (a floor derives its auth key from the same KEK). */
export function slotUnderKek(
  place: SlotPlace & { lookupSalt: string },
  account: { username: string; id: number },
  kek: Buffer,
  kdf: KdfParams,
  vmk: Buffer,
  fixed: Omit<SlotInputs, 'kdf'> = {},
): Keyslot {
  const slotId = fixed.slotId ?? randomBytes(8).toString('hex');
  const seed = fixed.accountSeed ?? seedOf(generateKeyPairSync('x25519').privateKey);
  try {
    const publicKey = rawPublicKey(privateKeyFromSeed(seed));
    const privateKey = wrapKey(kek, seed, slotAad(place.vaultId, slotId, account.id, publicKey), fixed.nonce);
    const partial = { slotId, lookup: usernameLookup(place.lookupSalt, account.username), accountId: account.id, kdf };
    return resealSlot(place, { ...partial, publicKey, privateKey, vmk: EMPTY_SEAL }, vmk, fixed.seal);
  } finally {
    if (!fixed.accountSeed) seed.fill(0);
  }
}

const EMPTY_SEAL = { epk: '', nonce: '', ct: '' };

/** The same slot holding another VMK (rotation): no password needed, only the public key. */
export function resealSlot(place: SlotPlace, slot: Keyslot, vmk: Buffer, fixed?: KeySealInputs): Keyslot {
  return { ...slot, vmk: sealVmkFor(place, slot, vmk, fixed) };
}

/** A VMK sealed to a slot, from its public half alone (a floor's rotation never sees the slot). */
export function sealVmkFor(
  place: SlotPlace,
  slot: Pick<Keyslot, 'slotId' | 'accountId' | 'publicKey'>,
  vmk: Buffer,
  fixed?: KeySealInputs,
): Keyslot['vmk'] {
  return sealKey(slot.publicKey, vmk, sealAad(place.vaultId, slot.slotId, slot.accountId, place.epoch), fixed);
}

function seedOf(privateKey: ReturnType<typeof privateKeyFromSeed>): Buffer {
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  return Buffer.from(der.subarray(der.length - 32));
}

/** Unwraps the account's private key (32 bytes) with its password; null when the password is wrong. */
export async function openSlot(vaultId: string, slot: Keyslot, password: string): Promise<Buffer | null> {
  const kek = await deriveKek(password, slot.kdf);
  try {
    return openSlotWithKek(vaultId, slot, kek);
  } finally {
    kek.fill(0);
  }
}

export function openSlotWithKek(vaultId: string, slot: Keyslot, kek: Buffer): Buffer | null {
  return unwrapKey(kek, slot.privateKey, slotAad(vaultId, slot.slotId, slot.accountId, slot.publicKey));
}

/** Opens the VMK sealed in the slot with the account's private key; null if it doesn't open. */
export function unsealVmk(place: SlotPlace, slot: Keyslot, accountSeed: Buffer): Buffer | null {
  const privateKey = privateKeyFromSeed(accountSeed);
  if (rawPublicKey(privateKey) !== slot.publicKey) return null;
  return openSealedKey(privateKey, slot.vmk, sealAad(place.vaultId, slot.slotId, slot.accountId, place.epoch));
}

/** Same cost as a real slot, so an unknown username can't be told apart by timing. */
export async function burnKdf(password: string): Promise<void> {
  (await deriveKek(password, newKdfParams())).fill(0);
}
