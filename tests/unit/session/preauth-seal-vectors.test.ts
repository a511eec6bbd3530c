/**
 * Fixed test vectors for the pre-login seal (docs/keyring-format.md, "Test vectors"):
 * X25519 to the vault's pre-login key, HKDF-SHA256(shared, salt = epk,
 * info = "strongroom/v1/preauth-seal"), AES-256-GCM with no associated data.
 *
 * The expected values were computed outside this code base: the X25519 public keys and shared
 * secret with a pure-Python RFC 7748 ladder (checked against RFC 7748 §6.1) and again with
 * pyca/cryptography's X25519; HKDF per RFC 5869 with Python's `hmac`/`hashlib`; the ciphertext
 * with pyca/cryptography `AESGCM(key).encrypt(nonce, plaintext, None)`.
 */
import { describe, expect, it } from 'vitest';
import { open, privateKeyFromSeed, rawPublicKey, seal } from '../../../electron/core/session/preauth-seal';

function run(first: number, last: number): Buffer {
  return Buffer.from(Array.from({ length: last - first + 1 }, (_, i) => first + i));
}

// ---- Inputs --------------------------------------------------------------------------------
/** The preauth-x25519 sub-key of the keyring vector's VMK (tests/unit/keyring/keyring-vectors.test.ts). */
const RECIPIENT_SEED = Buffer.from('a6652ec6457e7f7608cdd888165162f7b206f8c5cade09851ee1ea4aabb83edf', 'hex');
const EPHEMERAL_SEED = run(0x60, 0x7f);
const NONCE = run(0x80, 0x8b);
/** A login.failed event as unlock.ts journals it (JSON.stringify of the event). */
const PLAINTEXT =
  '{"at":1795000000000,"seat":"ABCD-EFGH-JKMN","actor":"it.chen","actorId":1,"action":"login.failed",' +
  '"outcome":"failed","detail":{"reason":"credentials","knownUser":true,"failures":1}}';

// ---- Expected outputs ------------------------------------------------------------------------
const RECIPIENT_PUBLIC_KEY = 'cbS34HlE8LIehAUBFI6Xgn+yuXMb69EL1nQr6h+P20g=';
const BOX = {
  epk: 'Z13VdO13iTELPS52gfN5C0ZsdzsVIf7PNld5WDcepS8=',
  nonce: 'gIGCg4SFhoeIiYqL',
  ct:
    'EDS9RQ3ViNtjMagkuuyo8xxxBbXtEWZFeomVLuXFJ+zkysGyWH826kCuY0O3L8233jjpCfDfKEUp0wiYOnqyWi5by7r1B0+M' +
    'geyXbOT95YMeW520bweoZFijwT6YMaEaL+CstZlmie6udEl9IC6JTl4FiVcc4cPTTdpYyTadmv5e95qyJMCX//43I4EJHVOz' +
    'Pw+KFCvcAvHQH/Nekzt2MCKjo0PhXCkeYNCcUVFF6XtCCU4aq/49wQxnTy+EsdiKlALcnoc=',
};

function flipped(b64: string, index: number): string {
  const bytes = Buffer.from(b64, 'base64');
  bytes[index] = bytes[index]! ^ 0x01;
  return bytes.toString('base64');
}

describe('pre-login seal test vectors', () => {
  const recipient = privateKeyFromSeed(RECIPIENT_SEED);

  it('derives the documented public key from the recipient seed', () => {
    expect(rawPublicKey(recipient)).toBe(RECIPIENT_PUBLIC_KEY);
  });

  it('seals the documented plaintext to the documented epk, nonce and ciphertext', () => {
    expect(seal(RECIPIENT_PUBLIC_KEY, PLAINTEXT, { ephemeralSeed: EPHEMERAL_SEED, nonce: NONCE })).toEqual(BOX);
  });

  it('puts the 16-byte tag after a ciphertext as long as the plaintext', () => {
    expect(Buffer.from(BOX.ct, 'base64')).toHaveLength(Buffer.byteLength(PLAINTEXT, 'utf8') + 16);
  });

  it('opens the documented box to the plaintext', () => {
    expect(open(recipient, BOX)).toBe(PLAINTEXT);
  });

  it('refuses the box when any byte of the ciphertext or the tag is flipped', () => {
    const length = Buffer.from(BOX.ct, 'base64').length;
    const opened = Array.from({ length }, (_, i) => open(recipient, { ...BOX, ct: flipped(BOX.ct, i) }));
    expect(opened.filter((text) => text !== null)).toEqual([]);
  });

  it('refuses the box under another nonce, another ephemeral key or a cut-off ciphertext', () => {
    const other = rawPublicKey(privateKeyFromSeed(run(0x61, 0x80)));
    expect(open(recipient, { ...BOX, nonce: flipped(BOX.nonce, 0) })).toBeNull();
    expect(open(recipient, { ...BOX, epk: other })).toBeNull();
    expect(
      open(recipient, { ...BOX, ct: Buffer.from(BOX.ct, 'base64').subarray(0, 16).toString('base64') }),
    ).toBeNull();
    expect(open(recipient, { ...BOX, ct: '' })).toBeNull();
  });

  it('refuses the box when opened with another private key', () => {
    expect(open(privateKeyFromSeed(run(0x00, 0x1f)), BOX)).toBeNull();
  });
});

describe('pre-login seal randomness when no fixed input is given', () => {
  it('draws a fresh ephemeral key and nonce for every box, and each opens', () => {
    const recipient = privateKeyFromSeed(RECIPIENT_SEED);
    const a = seal(RECIPIENT_PUBLIC_KEY, PLAINTEXT);
    const b = seal(RECIPIENT_PUBLIC_KEY, PLAINTEXT);
    expect(a.epk).not.toBe(b.epk);
    expect(a.nonce).not.toBe(b.nonce);
    expect([open(recipient, a), open(recipient, b)]).toEqual([PLAINTEXT, PLAINTEXT]);
  });
});
