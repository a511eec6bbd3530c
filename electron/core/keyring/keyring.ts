/**
 * keyring.json: one keyslot per active account, each wrapping the vault master key (VMK).
 * Slots are found by a salted hash of the normalised username, so the file names no one.
 * Format: docs/keyring-format.md.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { z } from 'zod';
import { fail } from '../errors';
import { writeFileAtomic } from '../fs/atomic-write';
import { deriveKek, newKdfParams, type KdfParams } from './kdf';
import { slotAad, unwrapKey, wrapKey } from './slot-crypto';
import { deriveSubkey } from './subkeys';

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

const KeyslotSchema = z.object({
  slotId: z.string().regex(/^[0-9a-f]{16}$/),
  lookup: hex64,
  accountId: z.number().int().positive(),
  kdf: z.object({
    alg: z.literal('argon2id'),
    m: z.number().int().positive(),
    t: z.number().int().positive(),
    p: z.number().int().positive(),
    salt: b64,
  }),
  nonce: b64,
  wrapped: b64,
});
/** 密钥槽 — one account's wrapped copy of the vault master key. */
export type Keyslot = z.infer<typeof KeyslotSchema>;

const KeyringSchema = z.object({
  format: z.literal('strongroom-keyring'),
  version: z.literal(1),
  vaultId: z.string().uuid(),
  lookupSalt: hex64,
  preauthPublicKey: b64,
  slots: z.array(KeyslotSchema),
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
  // Canonical form: fixed key order, as written by serialise().
  const { format, version, vaultId, lookupSalt, preauthPublicKey, slots } = body;
  return Buffer.from(JSON.stringify({ format, version, vaultId, lookupSalt, preauthPublicKey, slots }), 'utf8');
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

export async function readKeyring(path: string): Promise<KeyringFile> {
  let text: string;
  try {
    text = await fs.readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') fail('INPUT_REJECTED', 'vault.missing');
    throw err;
  }
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

export async function writeKeyring(path: string, file: KeyringFile): Promise<void> {
  const { format, version, vaultId, lookupSalt, preauthPublicKey, slots, mac } = file;
  const text = JSON.stringify({ format, version, vaultId, lookupSalt, preauthPublicKey, slots, mac }, null, 2);
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
