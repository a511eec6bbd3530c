/**
 * Sealing the vault master key to an account's X25519 public key, so a new master key can be
 * handed to every remaining account without anyone's password (docs/keyring-format.md).
 */
import {
  createCipheriv,
  createDecipheriv,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
} from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { privateKeyFromSeed, publicKeyFromRaw, rawPublicKey } from '../session/preauth-seal';

export interface SealedKey {
  /** The ephemeral X25519 public key, 32 bytes, base64. */
  epk: string;
  /** 12 bytes, base64. */
  nonce: string;
  /** AES-256-GCM ciphertext of the 32-byte key ‖ 16-byte tag, base64. */
  ct: string;
}

/** Binds a sealed master key to its vault, slot, account and key epoch. */
export function sealAad(vaultId: string, slotId: string, accountId: number, epoch: number): Buffer {
  return Buffer.from(`strongroom-vmk-seal/v2|${vaultId}|${slotId}|${accountId}|${epoch}`, 'utf8');
}

function boxKey(shared: Buffer, epk: string, recipient: string): Buffer {
  const salt = Buffer.concat([Buffer.from(epk, 'base64'), Buffer.from(recipient, 'base64')]);
  return Buffer.from(hkdfSync('sha256', shared, salt, 'strongroom/v2/vmk-seal', 32));
}

/** What sealKey otherwise draws at random; given only by test vectors. */
export interface KeySealInputs {
  ephemeralSeed?: Buffer;
  nonce?: Buffer;
}

export function sealKey(recipient: string, key: Buffer, aad: Buffer, fixed: KeySealInputs = {}): SealedKey {
  if (key.length !== 32) throw new RangeError('only a 32-byte key is sealed');
  const ephemeral = fixed.ephemeralSeed
    ? privateKeyFromSeed(fixed.ephemeralSeed)
    : generateKeyPairSync('x25519').privateKey;
  const epk = rawPublicKey(ephemeral);
  const shared = diffieHellman({ privateKey: ephemeral, publicKey: publicKeyFromRaw(recipient) });
  const boxed = boxKey(shared, epk, recipient);
  shared.fill(0);
  const nonce = fixed.nonce ?? randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', boxed, nonce);
  cipher.setAAD(aad);
  const ct = Buffer.concat([cipher.update(key), cipher.final(), cipher.getAuthTag()]);
  boxed.fill(0);
  return { epk, nonce: nonce.toString('base64'), ct: ct.toString('base64') };
}

/** Null when the box was not sealed to this key under this AAD, or was altered. */
export function openSealedKey(privateKey: KeyObject, box: SealedKey, aad: Buffer): Buffer | null {
  try {
    const nonce = Buffer.from(box.nonce, 'base64');
    const data = Buffer.from(box.ct, 'base64');
    if (Buffer.from(box.epk, 'base64').length !== 32 || nonce.length !== 12 || data.length !== 48) return null;
    const shared = diffieHellman({ privateKey, publicKey: publicKeyFromRaw(box.epk) });
    const boxed = boxKey(shared, box.epk, rawPublicKey(privateKey));
    shared.fill(0);
    const decipher = createDecipheriv('aes-256-gcm', boxed, nonce, { authTagLength: 16 });
    boxed.fill(0);
    decipher.setAAD(aad);
    decipher.setAuthTag(data.subarray(32));
    return Buffer.concat([decipher.update(data.subarray(0, 32)), decipher.final()]);
  } catch {
    return null;
  }
}
