/** AES-256-GCM wrapping of an account's private key under its keyslot's KEK. */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface WrappedKey {
  /** 12-byte nonce, base64. */
  nonce: string;
  /** Ciphertext followed by the 16-byte tag, base64. */
  wrapped: string;
}

/** Binds a wrapped private key to its vault, slot, account and public key. */
export function slotAad(vaultId: string, slotId: string, accountId: number, publicKey: string): Buffer {
  return Buffer.from(`strongroom-keyslot/v2|${vaultId}|${slotId}|${accountId}|${publicKey}`, 'utf8');
}

/** `nonce` is fresh randomness unless given (test vectors only); never reuse one under the same KEK. */
export function wrapKey(kek: Buffer, key: Buffer, aad: Buffer, nonce: Buffer = randomBytes(12)): WrappedKey {
  if (nonce.length !== 12) throw new RangeError('keyslot nonce must be 12 bytes');
  const cipher = createCipheriv('aes-256-gcm', kek, nonce);
  cipher.setAAD(aad);
  const ct = Buffer.concat([cipher.update(key), cipher.final(), cipher.getAuthTag()]);
  return { nonce: nonce.toString('base64'), wrapped: ct.toString('base64') };
}

/** Returns null when the KEK is wrong or anything in the slot was altered. */
export function unwrapKey(kek: Buffer, slot: WrappedKey, aad: Buffer): Buffer | null {
  const nonce = Buffer.from(slot.nonce, 'base64');
  const data = Buffer.from(slot.wrapped, 'base64');
  if (nonce.length !== 12 || data.length !== 32 + 16) return null;
  const decipher = createDecipheriv('aes-256-gcm', kek, nonce);
  decipher.setAAD(aad);
  decipher.setAuthTag(data.subarray(32));
  try {
    return Buffer.concat([decipher.update(data.subarray(0, 32)), decipher.final()]);
  } catch {
    return null;
  }
}
