/**
 * Sealing events written before anyone has unlocked the vault (failed logins, refusals):
 * X25519 to the vault's public key + AES-256-GCM, so only a holder of the VMK can read them.
 */
import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';

const PKCS8_X25519_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');
const SPKI_X25519_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');

export interface SealedBox {
  epk: string;
  nonce: string;
  ct: string;
}

export function privateKeyFromSeed(seed: Buffer): KeyObject {
  return createPrivateKey({ key: Buffer.concat([PKCS8_X25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

export function rawPublicKey(privateKey: KeyObject): string {
  const der = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return der.subarray(der.length - 32).toString('base64');
}

export function publicKeyFromRaw(raw: string): KeyObject {
  return createPublicKey({
    key: Buffer.concat([SPKI_X25519_PREFIX, Buffer.from(raw, 'base64')]),
    format: 'der',
    type: 'spki',
  });
}

/** Any fixed key will do: X25519 with a low-order point gives the all-zero secret for every key. */
let probe: KeyObject | undefined;

/**
 * True when `raw` is 32 bytes (base64) that an event can be sealed to. The low-order points make
 * the key agreement fail, so a keyring naming one would make every failed login an error.
 */
export function usablePublicKey(raw: string): boolean {
  try {
    if (Buffer.from(raw, 'base64').length !== 32) return false;
    probe ??= generateKeyPairSync('x25519').privateKey;
    diffieHellman({ privateKey: probe, publicKey: publicKeyFromRaw(raw) });
    return true;
  } catch {
    return false;
  }
}

function boxKey(shared: Buffer, epk: string): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.from(epk, 'base64'), 'strongroom/v1/preauth-seal', 32));
}

/** What seal otherwise draws at random; given only by test vectors (docs/keyring-format.md). */
export interface SealInputs {
  /** The ephemeral X25519 private key, 32 bytes. */
  ephemeralSeed?: Buffer;
  /** 12 bytes. */
  nonce?: Buffer;
}

export function seal(recipientPublicKey: string, plaintext: string, fixed: SealInputs = {}): SealedBox {
  const ephemeral = fixed.ephemeralSeed
    ? privateKeyFromSeed(fixed.ephemeralSeed)
    : generateKeyPairSync('x25519').privateKey;
  const epk = rawPublicKey(ephemeral);
  const key = boxKey(diffieHellman({ privateKey: ephemeral, publicKey: publicKeyFromRaw(recipientPublicKey) }), epk);
  const nonce = fixed.nonce ?? randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { epk, nonce: nonce.toString('base64'), ct: ct.toString('base64') };
}

/** Returns null for a box that was not sealed to this key or was altered. */
export function open(privateKey: KeyObject, box: SealedBox): string | null {
  try {
    const nonce = Buffer.from(box.nonce, 'base64');
    const data = Buffer.from(box.ct, 'base64');
    // A 32-byte epk, a 12-byte nonce and a full 16-byte tag, or nothing is tried.
    if (Buffer.from(box.epk, 'base64').length !== 32 || nonce.length !== 12 || data.length < 16) return null;
    const key = boxKey(diffieHellman({ privateKey, publicKey: publicKeyFromRaw(box.epk) }), box.epk);
    const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: 16 });
    decipher.setAuthTag(data.subarray(data.length - 16));
    return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
