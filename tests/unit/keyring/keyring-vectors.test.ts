/**
 * Fixed test vectors for keyring.json (docs/keyring-format.md, "Test vectors"): sub-keys,
 * username lookup, Argon2id KEK, the account's wrapped private key, the VMK sealed to its public
 * key, the keyring MAC, and that altered slots fail.
 *
 * Every expected value was computed outside this code base, from the format as documented:
 * - HKDF-SHA256 and HMAC-SHA256: Python 3 `hmac`/`hashlib` (HKDF written out per RFC 5869 and
 *   checked against RFC 5869 case A.1); the sqlcipher label also with pyca/cryptography's HKDF.
 * - Username lookup: Python `unicodedata.normalize('NFKC', u).strip().lower()`, then `hmac`.
 * - Argon2id KEKs: pyca/cryptography 48 `Argon2id` (OpenSSL) and @noble/hashes 1.8 `argon2id`
 *   (pure JS); both agree. Our code uses the `argon2` package (the reference C implementation).
 * - AES-256-GCM wrap: pyca/cryptography `AESGCM(kek).encrypt(nonce, accountKey, aad)`.
 * - X25519 public keys: a pure-Python RFC 7748 ladder (checked against RFC 7748 §6.1) and pyca.
 * - VMK seal: pyca `X25519PrivateKey.exchange`, `HKDF(SHA256, 32, salt = epk ‖ recipient,
 *   info)`, then `AESGCM(key).encrypt(nonce, vmk, aad)`.
 * - Keyring MAC: Python `json.dumps(body, separators=(',', ':'))` in the documented key order, then
 *   HMAC-SHA256 under the keyring-mac sub-key.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deriveKek, newKdfParams, type KdfParams } from '../../../electron/core/keyring/kdf';
import { openSealedKey, sealAad, sealKey } from '../../../electron/core/keyring/key-seal';
import {
  findSlot,
  keyringAuthentic,
  makeSlot,
  normaliseUsername,
  openSlot,
  readKeyring,
  resealSlot,
  sealKeyring,
  unsealVmk,
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
/** The account's X25519 private key. */
const ACCOUNT_SEED = run(0x70, 0x8f);
/** The ephemeral X25519 private key of the VMK seal, and the seal's nonce. */
const EPHEMERAL_SEED = run(0x90, 0xaf);
const SEAL_NONCE = run(0xb0, 0xbb);
const EPOCH = 1;
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
  'epoch-keys': '0bc5dea1fc2f7069dfc002cfe2984497095519f73b63bf1c42015ad6e2f7c8c4',
  'key-check': 'b9305b705c3afc9f04a97bb6c8ee9a96dc8a84458ef5b11529f17fbf8c633bf8',
  'case-kwk': 'a8864c950e540cecd2f6533117a54a2f859430ba9d82408a74da354847ac9eae',
};
const LOOKUP = '54d1899c58164d022cdd53032d3ce08146f53fe9ff0df08673c55faee3b1c015';
const KEK_SMALL = '91fc8e6b8b972bcfdde5d517cb72fa77188e96052931f41ac6f421bd0ce5e35d';
/** Same password and salt at the floor (m = 65536, t = 3, p = 4). */
const KEK_FLOOR = '401c63130f95e076add1e9cb5ed3ecabfeafdf935bb159b193434547122f9926';
const ACCOUNT_PUBLIC_KEY = 'I7e7jJGuAIcR+xKEZ4C83x4GX4Ib3+xJ9X58fc1MSCM=';
const AAD = `strongroom-keyslot/v2|00000000-0000-4000-8000-000000000001|5c5d5e5f60616263|1|${ACCOUNT_PUBLIC_KEY}`;
/** AES-256-GCM ciphertext of the account's private key (32 bytes) ‖ tag (16 bytes). */
const WRAPPED = 'oyWr2NBwpbBmGgFexdciuP9woUAz8zu4TUQGjMtHkcc8zEoCuQbEDExTBp/fAFDJ';
const SEAL_AAD = 'strongroom-vmk-seal/v2|00000000-0000-4000-8000-000000000001|5c5d5e5f60616263|1|1';
const SEALED_VMK = {
  epk: 'n9etbc/0KY3T+W1bGyr5EKBTWxSI1/j6uzSamCiAthU=',
  nonce: 'sLGys7S1tre4ubq7',
  ct: 'lTH01Qv/a2Qlrq9fZWZ0ucgNP+ehtV6xZrkSRj6/x+yu5CvEpSanPQpnAOngA/8R',
};
const PREAUTH_PUBLIC_KEY = 'cbS34HlE8LIehAUBFI6Xgn+yuXMb69EL1nQr6h+P20g=';
const MAC = '91a69fbaa1366c0655c6c9d1ecb1dad4a419e61a75b33c057e66329c1a1514fc';

const SLOT: Keyslot = {
  slotId: SLOT_ID,
  lookup: LOOKUP,
  accountId: ACCOUNT_ID,
  kdf: { alg: 'argon2id', m: 256, t: 2, p: 2, salt: 'QEFCQ0RFRkdISUpLTE1OTw==' },
  publicKey: ACCOUNT_PUBLIC_KEY,
  privateKey: { nonce: 'UFFSU1RVVldYWVpb', wrapped: WRAPPED },
  vmk: SEALED_VMK,
};
const BODY: KeyringBody = {
  format: 'strongroom-keyring',
  version: 2,
  vaultId: VAULT_ID,
  epoch: EPOCH,
  generation: 1,
  lookupSalt: LOOKUP_SALT,
  preauthPublicKey: PREAUTH_PUBLIC_KEY,
  slots: [SLOT],
};
/** The bytes the MAC covers, exactly (docs/keyring-format.md). */
const BODY_TEXT =
  '{"format":"strongroom-keyring","version":2,"vaultId":"00000000-0000-4000-8000-000000000001",' +
  '"epoch":1,"generation":1,' +
  '"lookupSalt":"202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f",' +
  '"preauthPublicKey":"cbS34HlE8LIehAUBFI6Xgn+yuXMb69EL1nQr6h+P20g=",' +
  '"slots":[{"slotId":"5c5d5e5f60616263",' +
  '"lookup":"54d1899c58164d022cdd53032d3ce08146f53fe9ff0df08673c55faee3b1c015","accountId":1,' +
  '"kdf":{"alg":"argon2id","m":256,"t":2,"p":2,"salt":"QEFCQ0RFRkdISUpLTE1OTw=="},' +
  '"publicKey":"I7e7jJGuAIcR+xKEZ4C83x4GX4Ib3+xJ9X58fc1MSCM=",' +
  '"privateKey":{"nonce":"UFFSU1RVVldYWVpb","wrapped":"oyWr2NBwpbBmGgFexdciuP9woUAz8zu4TUQGjMtHkcc8zEoCuQbEDExTBp/fAFDJ"},' +
  '"vmk":{"epk":"n9etbc/0KY3T+W1bGyr5EKBTWxSI1/j6uzSamCiAthU=","nonce":"sLGys7S1tre4ubq7",' +
  '"ct":"lTH01Qv/a2Qlrq9fZWZ0ucgNP+ehtV6xZrkSRj6/x+yu5CvEpSanPQpnAOngA/8R"}}]}';
const PLACE = { vaultId: VAULT_ID, epoch: EPOCH };

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

  it('binds the wrap to vault, slot, account and public key through the documented AAD', () => {
    expect(rawPublicKey(privateKeyFromSeed(ACCOUNT_SEED))).toBe(ACCOUNT_PUBLIC_KEY);
    expect(slotAad(VAULT_ID, SLOT_ID, ACCOUNT_ID, ACCOUNT_PUBLIC_KEY).toString('utf8')).toBe(AAD);
  });

  it("wraps the account's private key to the documented ciphertext and tag", () => {
    const wrapped = wrapKey(Buffer.from(KEK_SMALL, 'hex'), ACCOUNT_SEED, Buffer.from(AAD, 'utf8'), NONCE);
    expect(wrapped).toEqual(SLOT.privateKey);
  });

  it('seals the VMK to the account public key as documented, bound to vault, slot, account and epoch', () => {
    expect(sealAad(VAULT_ID, SLOT_ID, ACCOUNT_ID, EPOCH).toString('utf8')).toBe(SEAL_AAD);
    const sealed = sealKey(ACCOUNT_PUBLIC_KEY, VMK, Buffer.from(SEAL_AAD, 'utf8'), {
      ephemeralSeed: EPHEMERAL_SEED,
      nonce: SEAL_NONCE,
    });
    expect(sealed).toEqual(SEALED_VMK);
    const opened = openSealedKey(privateKeyFromSeed(ACCOUNT_SEED), sealed, Buffer.from(SEAL_AAD, 'utf8'));
    expect(opened?.toString('hex')).toBe(VMK.toString('hex'));
  });

  it('builds the documented slot from fixed inputs', async () => {
    const slot = await makeSlot(
      { ...PLACE, lookupSalt: LOOKUP_SALT },
      { username: USERNAME, id: ACCOUNT_ID },
      PASSWORD,
      VMK,
      {
        kdf: SMALL_KDF,
        slotId: SLOT_ID,
        accountSeed: ACCOUNT_SEED,
        nonce: NONCE,
        seal: { ephemeralSeed: EPHEMERAL_SEED, nonce: SEAL_NONCE },
      },
    );
    expect(slot).toEqual(SLOT);
  });

  it("opens the documented slot with the password: the account's private key, then the VMK", async () => {
    const accountKey = await openSlot(VAULT_ID, SLOT, PASSWORD);
    expect(accountKey?.toString('hex')).toBe(ACCOUNT_SEED.toString('hex'));
    expect(unsealVmk(PLACE, SLOT, accountKey!)?.toString('hex')).toBe(VMK.toString('hex'));
  });

  it('reseals the slot to another VMK and epoch without the password', () => {
    const next = run(0xc0, 0xdf);
    const moved = resealSlot({ vaultId: VAULT_ID, epoch: 2 }, SLOT, next);
    expect({ ...moved, vmk: SLOT.vmk }).toEqual(SLOT);
    expect(unsealVmk({ vaultId: VAULT_ID, epoch: 2 }, moved, ACCOUNT_SEED)?.toString('hex')).toBe(next.toString('hex'));
    // The epoch is bound: the old seal does not open as epoch 2, nor the new one as epoch 1.
    expect(unsealVmk({ vaultId: VAULT_ID, epoch: 2 }, SLOT, ACCOUNT_SEED)).toBeNull();
    expect(unsealVmk(PLACE, moved, ACCOUNT_SEED)).toBeNull();
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
    // The vector slot with its private key re-wrapped under the documented floor KEK.
    const floorSlot: Keyslot = {
      ...SLOT,
      kdf: newKdfParams(KDF_SALT),
      privateKey: wrapKey(Buffer.from(KEK_FLOOR, 'hex'), ACCOUNT_SEED, Buffer.from(AAD, 'utf8'), NONCE),
    };
    const sealed = sealKeyring(VMK, { ...BODY, slots: [floorSlot] });
    // Keys deliberately out of order: the MAC covers the documented order, whatever the file's.
    const { vmk, privateKey, kdf, ...rest } = floorSlot;
    const { mac, ...body } = sealed;
    await writeFile(file, JSON.stringify({ mac, ...body, slots: [{ vmk, privateKey, kdf, ...rest }] }));
    const keyring = await readKeyring(file);
    expect(keyringAuthentic(VMK, keyring)).toBe(true);
    const slot = findSlot(keyring, 'IT.Chen');
    expect(slot).toEqual(floorSlot);
    const accountKey = await openSlot(VAULT_ID, slot!, PASSWORD);
    expect(unsealVmk(PLACE, slot!, accountKey!)?.toString('hex')).toBe(VMK.toString('hex'));
  });
});

describe('keyring negative vectors', () => {
  const kek = Buffer.from(KEK_SMALL, 'hex');
  const aad = Buffer.from(AAD, 'utf8');
  const sealAadBytes = Buffer.from(SEAL_AAD, 'utf8');
  const accountKey = privateKeyFromSeed(ACCOUNT_SEED);

  it('refuses to unwrap when any byte of the ciphertext or the tag is flipped', () => {
    const opened = Array.from({ length: 48 }, (_, i) =>
      unwrapKey(kek, { ...SLOT.privateKey, wrapped: flipped(WRAPPED, i) }, aad),
    );
    expect(opened.filter((key) => key !== null)).toEqual([]);
  });

  it('refuses to unwrap under a flipped nonce', () => {
    const { nonce } = SLOT.privateKey;
    expect(unwrapKey(kek, { ...SLOT.privateKey, nonce: flipped(nonce, 0) }, aad)).toBeNull();
    expect(unwrapKey(kek, { ...SLOT.privateKey, nonce: flipped(nonce, 11) }, aad)).toBeNull();
  });

  it('refuses to unwrap under the AAD of another vault, slot, account or public key', () => {
    const others = [
      slotAad('00000000-0000-4000-8000-000000000002', SLOT_ID, ACCOUNT_ID, ACCOUNT_PUBLIC_KEY),
      slotAad(VAULT_ID, '5c5d5e5f60616264', ACCOUNT_ID, ACCOUNT_PUBLIC_KEY),
      slotAad(VAULT_ID, SLOT_ID, 2, ACCOUNT_PUBLIC_KEY),
      slotAad(VAULT_ID, SLOT_ID, ACCOUNT_ID, PREAUTH_PUBLIC_KEY),
      Buffer.alloc(0),
    ];
    expect(others.map((other) => unwrapKey(kek, SLOT.privateKey, other))).toEqual(others.map(() => null));
  });

  it('refuses to open the slot moved to another vault or account, or with another password', async () => {
    expect(await openSlot('00000000-0000-4000-8000-000000000002', SLOT, PASSWORD)).toBeNull();
    expect(await openSlot(VAULT_ID, { ...SLOT, accountId: 2 }, PASSWORD)).toBeNull();
    expect(await openSlot(VAULT_ID, SLOT, 'Tre\u0301sor-\u5bc6\u7801-2030')).toBeNull(); // decomposed é
  });

  it('refuses the sealed VMK with any byte flipped, under another AAD, or to another key', () => {
    const flips = [
      ...Array.from({ length: 48 }, (_, i) => ({ ...SEALED_VMK, ct: flipped(SEALED_VMK.ct, i) })),
      { ...SEALED_VMK, nonce: flipped(SEALED_VMK.nonce, 0) },
      { ...SEALED_VMK, epk: PREAUTH_PUBLIC_KEY },
    ];
    expect(flips.map((box) => openSealedKey(accountKey, box, sealAadBytes))).toEqual(flips.map(() => null));
    const otherAads = [sealAad(VAULT_ID, SLOT_ID, ACCOUNT_ID, 2), sealAad(VAULT_ID, SLOT_ID, 2, EPOCH)];
    expect(otherAads.map((a) => openSealedKey(accountKey, SEALED_VMK, a))).toEqual([null, null]);
    expect(openSealedKey(privateKeyFromSeed(EPHEMERAL_SEED), SEALED_VMK, sealAadBytes)).toBeNull();
    // A slot whose public key is not the account's own: refused before anything is opened.
    expect(unsealVmk(PLACE, { ...SLOT, publicKey: PREAUTH_PUBLIC_KEY }, ACCOUNT_SEED)).toBeNull();
  });

  it('fails the keyring MAC when anything in the body is changed', () => {
    const file = { ...BODY, mac: MAC };
    const altered = [
      { ...file, slots: [{ ...SLOT, accountId: 2 }] },
      { ...file, slots: [{ ...SLOT, lookup: usernameLookup(LOOKUP_SALT, 'someone.else') }] },
      { ...file, slots: [{ ...SLOT, kdf: { ...SLOT.kdf, m: 65536 } }] },
      { ...file, slots: [{ ...SLOT, vmk: { ...SEALED_VMK, nonce: flipped(SEALED_VMK.nonce, 3) } }] },
      { ...file, slots: [{ ...SLOT, publicKey: PREAUTH_PUBLIC_KEY }] },
      { ...file, slots: [SLOT, SLOT] },
      { ...file, slots: [] },
      { ...file, epoch: 2 },
      { ...file, generation: 2 },
      { ...file, preauthPublicKey: flipped(PREAUTH_PUBLIC_KEY, 0) },
      { ...file, lookupSalt: run(0x21, 0x40).toString('hex') },
    ];
    expect(altered.map((f) => keyringAuthentic(VMK, f))).toEqual(altered.map(() => false));
    expect(keyringAuthentic(run(0x01, 0x20), file)).toBe(false);
  });
});

describe('keyring randomness when no fixed input is given', () => {
  it('wraps and seals under fresh randomness each time and refuses a nonce that is not 12 bytes', () => {
    const kek = Buffer.from(KEK_SMALL, 'hex');
    const aad = Buffer.from(AAD, 'utf8');
    const a = wrapKey(kek, ACCOUNT_SEED, aad);
    const b = wrapKey(kek, ACCOUNT_SEED, aad);
    expect(a.nonce).not.toBe(b.nonce);
    expect(unwrapKey(kek, a, aad)?.toString('hex')).toBe(ACCOUNT_SEED.toString('hex'));
    expect(() => wrapKey(kek, ACCOUNT_SEED, aad, Buffer.alloc(16))).toThrow(RangeError);
    const sealA = sealKey(ACCOUNT_PUBLIC_KEY, VMK, Buffer.from(SEAL_AAD, 'utf8'));
    const sealB = sealKey(ACCOUNT_PUBLIC_KEY, VMK, Buffer.from(SEAL_AAD, 'utf8'));
    expect([sealA.epk === sealB.epk, sealA.nonce === sealB.nonce]).toEqual([false, false]);
  });

  it('gives each new slot a fresh 16-byte salt at the floor parameters', () => {
    const a = newKdfParams();
    const b = newKdfParams();
    expect(Buffer.from(a.salt, 'base64')).toHaveLength(16);
    expect(a.salt).not.toBe(b.salt);
    expect({ ...a, salt: '' }).toEqual({ alg: 'argon2id', m: 65536, t: 3, p: 4, salt: '' });
  });
});
