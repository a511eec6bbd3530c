/**
 * Fixed test vectors for keyring.json (docs/keyring-format.md, "Test vectors"): sub-keys,
 * username lookup, Argon2id KEK, the wrapped VMK, the keyring MAC, and that altered slots fail.
 *
 * Every expected value was computed outside this code base, from the format as documented:
 * - HKDF-SHA256 and HMAC-SHA256: Python 3 `hmac`/`hashlib` (HKDF written out per RFC 5869 and
 *   checked against RFC 5869 case A.1); the sqlcipher label also with pyca/cryptography's HKDF.
 * - Username lookup: Python `unicodedata.normalize('NFKC', u).strip().lower()`, then `hmac`.
 * - Argon2id KEKs: pyca/cryptography 48 `Argon2id` (OpenSSL) and @noble/hashes 1.8 `argon2id`
 *   (pure JS); both agree. Our code uses the `argon2` package (the reference C implementation).
 * - AES-256-GCM wrap: pyca/cryptography `AESGCM(kek).encrypt(nonce, vmk, aad)`.
 * - X25519 public key: a pure-Python RFC 7748 ladder (checked against RFC 7748 §6.1) and pyca.
 * - Keyring MAC: Python `json.dumps(body, separators=(',', ':'))` in the documented key order, then
 *   HMAC-SHA256 under the keyring-mac sub-key.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deriveKek, newKdfParams, type KdfParams } from '../../../electron/core/keyring/kdf';
import {
  findSlot,
  keyringAuthentic,
  makeSlot,
  normaliseUsername,
  openSlot,
  readKeyring,
  sealKeyring,
  usernameLookup,
  type KeyringBody,
  type Keyslot,
} from '../../../electron/core/keyring/keyring';
import { slotAad, unwrapKey, wrapKey } from '../../../electron/core/keyring/slot-crypto';
import { deriveSubkey, SUBKEY_LABELS, type SubkeyLabel } from '../../../electron/core/keyring/subkeys';
import { privateKeyFromSeed, rawPublicKey } from '../../../electron/core/session/preauth-seal';
import { tempDir } from '../../fixtures/vault';

/** Bytes first, first + 1, …, last (inclusive). */
function run(first: number, last: number): Buffer {
  return Buffer.from(Array.from({ length: last - first + 1 }, (_, i) => first + i));
}

// ---- Inputs --------------------------------------------------------------------------------
const VAULT_ID = '00000000-0000-4000-8000-000000000001';
const VMK = run(0x00, 0x1f);
const LOOKUP_SALT = run(0x20, 0x3f).toString('hex');
const KDF_SALT = run(0x40, 0x4f);
const NONCE = run(0x50, 0x5b);
const SLOT_ID = run(0x5c, 0x63).toString('hex'); // 5c5d5e5f60616263
const ACCOUNT_ID = 1;
/** Fullwidth "ＩＴ" and surrounding spaces: NFKC, trim and lower-case make it "it.chen". */
const USERNAME = '  \uff29\uff34.Chen ';
/** "Trésor-密码-2030" (precomposed é): the password is hashed as UTF-8, not normalised. */
const PASSWORD = 'Tr\u00e9sor-\u5bc6\u7801-2030';
/** Small parameters: the KDF takes them, but a keyring.json holding them is refused when read. */
const SMALL_KDF: KdfParams = { alg: 'argon2id', m: 256, t: 2, p: 2, salt: KDF_SALT.toString('base64') };

// ---- Expected outputs ------------------------------------------------------------------------
const SUBKEYS: Record<SubkeyLabel, string> = {
  sqlcipher: '6a7afc76c7e0edceb205acabbefb6b1448a60e447f17c68c3613770be4d12df7',
  'audit-mac': '504d3754c63cea7c873cd4b108c50991fd53bc1ebb2dfcce9fc0174884264150',
  'keyring-mac': '388b794583b8bfaf5a44869ee020f490e7c94660b22da5707a8653505436e8cf',
  'preauth-x25519': 'a6652ec6457e7f7608cdd888165162f7b206f8c5cade09851ee1ea4aabb83edf',
  'blob-kwk': '021d043543bb73fbe29c334cfd6ca20f6535fc8232442ae1244fd031a2592ea0',
  'pii-field': '9e1dc0349515b35a259f00cc86e4d8f127e16dfb8921baa4b3b482244fddfbc0',
  'blind-index': '082217f46c8baa6c4f106b9ed6d91b8a8b157e3ca8c4fdbc15ee3eba6966ec2a',
};
const LOOKUP = '54d1899c58164d022cdd53032d3ce08146f53fe9ff0df08673c55faee3b1c015';
const KEK_SMALL = '91fc8e6b8b972bcfdde5d517cb72fa77188e96052931f41ac6f421bd0ce5e35d';
/** Same password and salt at the floor (m = 65536, t = 3, p = 4). */
const KEK_FLOOR = '401c63130f95e076add1e9cb5ed3ecabfeafdf935bb159b193434547122f9926';
const AAD = 'strongroom-keyslot/v1|00000000-0000-4000-8000-000000000001|5c5d5e5f60616263|1';
/** AES-256-GCM ciphertext of the VMK (32 bytes) ‖ tag (16 bytes). */
const WRAPPED_HEX =
  'd355dba8a000d5c0166a712eb5a752c86fe031d0a363ab28ddd4961c5bd70157' + 'a567d508d5c761abe12cdd8cd8783cf5';
const WRAPPED = '01XbqKAA1cAWanEutadSyG/gMdCjY6so3dSWHFvXAVelZ9UI1cdhq+Es3YzYeDz1';
const PREAUTH_PUBLIC_KEY = 'cbS34HlE8LIehAUBFI6Xgn+yuXMb69EL1nQr6h+P20g=';
const MAC = '52c8282edb833784e465fb23ff761b44b674ac4b7ea05fd6d4df9100f420899d';

const SLOT: Keyslot = {
  slotId: SLOT_ID,
  lookup: LOOKUP,
  accountId: ACCOUNT_ID,
  kdf: { alg: 'argon2id', m: 256, t: 2, p: 2, salt: 'QEFCQ0RFRkdISUpLTE1OTw==' },
  nonce: 'UFFSU1RVVldYWVpb',
  wrapped: WRAPPED,
};
const BODY: KeyringBody = {
  format: 'strongroom-keyring',
  version: 1,
  vaultId: VAULT_ID,
  lookupSalt: LOOKUP_SALT,
  preauthPublicKey: PREAUTH_PUBLIC_KEY,
  slots: [SLOT],
};
/** The bytes the MAC covers, exactly (docs/keyring-format.md). */
const BODY_TEXT =
  '{"format":"strongroom-keyring","version":1,"vaultId":"00000000-0000-4000-8000-000000000001",' +
  '"lookupSalt":"202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f",' +
  '"preauthPublicKey":"cbS34HlE8LIehAUBFI6Xgn+yuXMb69EL1nQr6h+P20g=",' +
  '"slots":[{"slotId":"5c5d5e5f60616263",' +
  '"lookup":"54d1899c58164d022cdd53032d3ce08146f53fe9ff0df08673c55faee3b1c015","accountId":1,' +
  '"kdf":{"alg":"argon2id","m":256,"t":2,"p":2,"salt":"QEFCQ0RFRkdISUpLTE1OTw=="},' +
  '"nonce":"UFFSU1RVVldYWVpb","wrapped":"01XbqKAA1cAWanEutadSyG/gMdCjY6so3dSWHFvXAVelZ9UI1cdhq+Es3YzYeDz1"}]}';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

function flipped(b64: string, index: number): string {
  const bytes = Buffer.from(b64, 'base64');
  bytes[index] = bytes[index]! ^ 0x01;
  return bytes.toString('base64');
}

describe('keyring test vectors', () => {
  it('derives every HKDF sub-key label of the vector VMK as documented', () => {
    expect(Object.keys(SUBKEYS).sort()).toEqual([...SUBKEY_LABELS].sort());
    const derived = Object.fromEntries(
      SUBKEY_LABELS.map((label) => [label, deriveSubkey(VMK, VAULT_ID, label).toString('hex')]),
    );
    expect(derived).toEqual(SUBKEYS);
  });

  it('hashes the NFKC-normalised, trimmed, lower-cased username under the lookup salt', () => {
    expect(normaliseUsername(USERNAME)).toBe('it.chen');
    expect(usernameLookup(LOOKUP_SALT, USERNAME)).toBe(LOOKUP);
    expect(usernameLookup(LOOKUP_SALT, 'it.chen')).toBe(LOOKUP);
  });

  it('derives the documented KEK with the slot’s own (small) Argon2id parameters', async () => {
    expect((await deriveKek(PASSWORD, SMALL_KDF)).toString('hex')).toBe(KEK_SMALL);
  });

  it('derives the documented KEK at the floor parameters every new slot gets', async () => {
    const floor = newKdfParams(KDF_SALT);
    expect(floor).toEqual({ alg: 'argon2id', m: 65536, t: 3, p: 4, salt: 'QEFCQ0RFRkdISUpLTE1OTw==' });
    expect((await deriveKek(PASSWORD, floor)).toString('hex')).toBe(KEK_FLOOR);
  });

  it('binds the wrap to vault, slot and account through the documented AAD', () => {
    expect(slotAad(VAULT_ID, SLOT_ID, ACCOUNT_ID).toString('utf8')).toBe(AAD);
  });

  it('wraps the VMK to the documented ciphertext and tag', () => {
    const wrapped = wrapKey(Buffer.from(KEK_SMALL, 'hex'), VMK, Buffer.from(AAD, 'utf8'), NONCE);
    expect(wrapped).toEqual({ nonce: NONCE.toString('base64'), wrapped: WRAPPED });
    expect(Buffer.from(wrapped.wrapped, 'base64').toString('hex')).toBe(WRAPPED_HEX);
  });

  it('builds the documented slot from fixed inputs', async () => {
    const slot = await makeSlot(VAULT_ID, LOOKUP_SALT, USERNAME, ACCOUNT_ID, PASSWORD, VMK, {
      kdf: SMALL_KDF,
      slotId: SLOT_ID,
      nonce: NONCE,
    });
    expect(slot).toEqual(SLOT);
    expect(JSON.stringify(slot)).toBe(JSON.stringify(SLOT));
  });

  it('opens the documented slot with the password and gives back the VMK', async () => {
    expect((await openSlot(VAULT_ID, SLOT, PASSWORD))?.toString('hex')).toBe(VMK.toString('hex'));
  });

  it('derives the documented pre-login public key from the preauth-x25519 sub-key', () => {
    expect(rawPublicKey(privateKeyFromSeed(deriveSubkey(VMK, VAULT_ID, 'preauth-x25519')))).toBe(PREAUTH_PUBLIC_KEY);
  });

  it('MACs the documented body bytes to the documented keyring MAC', () => {
    const sealed = sealKeyring(VMK, BODY);
    expect(JSON.stringify(BODY)).toBe(BODY_TEXT);
    expect(sealed.mac).toBe(MAC);
    expect(keyringAuthentic(VMK, sealed)).toBe(true);
  });

  it('refuses the documented keyring.json when read: its small parameters are below the floor', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const file = path.join(dir, 'keyring.json');
    await writeFile(file, JSON.stringify({ ...BODY, mac: MAC }, null, 2));
    await expect(readKeyring(file)).rejects.toMatchObject({ code: 'VAULT_DAMAGED', key: 'keyring.damaged' });
  });

  it('reads the documented keyring.json with its slot at the floor, finds the slot by username and opens it', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const file = path.join(dir, 'keyring.json');
    // The vector slot re-wrapped under the documented floor KEK (same salt, nonce and AAD).
    const floorSlot: Keyslot = {
      ...SLOT,
      kdf: newKdfParams(KDF_SALT),
      ...wrapKey(Buffer.from(KEK_FLOOR, 'hex'), VMK, Buffer.from(AAD, 'utf8'), NONCE),
    };
    const sealed = sealKeyring(VMK, { ...BODY, slots: [floorSlot] });
    // Slot keys deliberately out of order: reading puts them in the order the MAC covers.
    const { wrapped, nonce, kdf, ...rest } = floorSlot;
    await writeFile(file, JSON.stringify({ ...sealed, slots: [{ wrapped, nonce, kdf, ...rest }] }, null, 2));
    const keyring = await readKeyring(file);
    expect(keyringAuthentic(VMK, keyring)).toBe(true);
    const slot = findSlot(keyring, 'IT.Chen');
    expect(slot).toEqual(floorSlot);
    expect((await openSlot(VAULT_ID, slot!, PASSWORD))?.toString('hex')).toBe(VMK.toString('hex'));
  });
});

describe('keyring negative vectors', () => {
  const kek = Buffer.from(KEK_SMALL, 'hex');
  const aad = Buffer.from(AAD, 'utf8');

  it('refuses to unwrap when any byte of the ciphertext or the tag is flipped', () => {
    const opened = Array.from({ length: 48 }, (_, i) => unwrapKey(kek, { ...SLOT, wrapped: flipped(WRAPPED, i) }, aad));
    expect(opened.filter((vmk) => vmk !== null)).toEqual([]);
  });

  it('refuses to unwrap under a flipped nonce', () => {
    expect(unwrapKey(kek, { ...SLOT, nonce: flipped(SLOT.nonce, 0) }, aad)).toBeNull();
    expect(unwrapKey(kek, { ...SLOT, nonce: flipped(SLOT.nonce, 11) }, aad)).toBeNull();
  });

  it('refuses to unwrap under the AAD of another vault, slot or account', () => {
    const others = [
      slotAad('00000000-0000-4000-8000-000000000002', SLOT_ID, ACCOUNT_ID),
      slotAad(VAULT_ID, '5c5d5e5f60616264', ACCOUNT_ID),
      slotAad(VAULT_ID, SLOT_ID, 2),
      Buffer.alloc(0),
    ];
    expect(others.map((other) => unwrapKey(kek, SLOT, other))).toEqual([null, null, null, null]);
  });

  it('refuses to open the slot moved to another vault or account, or with another password', async () => {
    expect(await openSlot('00000000-0000-4000-8000-000000000002', SLOT, PASSWORD)).toBeNull();
    expect(await openSlot(VAULT_ID, { ...SLOT, accountId: 2 }, PASSWORD)).toBeNull();
    expect(await openSlot(VAULT_ID, SLOT, 'Tre\u0301sor-\u5bc6\u7801-2030')).toBeNull(); // decomposed é
  });

  it('fails the keyring MAC when anything in the body is changed', () => {
    const file = { ...BODY, mac: MAC };
    const altered = [
      { ...file, slots: [{ ...SLOT, accountId: 2 }] },
      { ...file, slots: [{ ...SLOT, lookup: usernameLookup(LOOKUP_SALT, 'someone.else') }] },
      { ...file, slots: [{ ...SLOT, kdf: { ...SLOT.kdf, m: 65536 } }] },
      { ...file, slots: [SLOT, SLOT] },
      { ...file, slots: [] },
      { ...file, preauthPublicKey: flipped(PREAUTH_PUBLIC_KEY, 0) },
      { ...file, lookupSalt: run(0x21, 0x40).toString('hex') },
    ];
    expect(altered.map((f) => keyringAuthentic(VMK, f))).toEqual(altered.map(() => false));
    expect(keyringAuthentic(run(0x01, 0x20), file)).toBe(false);
  });
});

describe('keyring randomness when no fixed input is given', () => {
  it('wraps under a fresh nonce each time and refuses a nonce that is not 12 bytes', () => {
    const kek = Buffer.from(KEK_SMALL, 'hex');
    const aad = Buffer.from(AAD, 'utf8');
    const a = wrapKey(kek, VMK, aad);
    const b = wrapKey(kek, VMK, aad);
    expect(a.nonce).not.toBe(b.nonce);
    expect(unwrapKey(kek, a, aad)?.toString('hex')).toBe(VMK.toString('hex'));
    expect(() => wrapKey(kek, VMK, aad, Buffer.alloc(16))).toThrow(RangeError);
  });

  it('gives each new slot a fresh 16-byte salt at the floor parameters', () => {
    const a = newKdfParams();
    const b = newKdfParams();
    expect(Buffer.from(a.salt, 'base64')).toHaveLength(16);
    expect(a.salt).not.toBe(b.salt);
    expect({ ...a, salt: '' }).toEqual({ alg: 'argon2id', m: 65536, t: 3, p: 4, salt: '' });
  });
});
