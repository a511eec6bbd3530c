/**
 * keyring.json is bounded when read (docs/keyring-format.md, "Bounds at read time"): whatever
 * someone without the password writes into it, reading gives a keyring within the bounds or
 * `keyring.damaged` (CLI exit 8): never another error, never a hang, and nothing written.
 * No Argon2id runs here: the bounds are checked before any password is tried.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KDF_CAP, KDF_FLOOR } from '../../../electron/core/keyring/kdf';
import { MAX_SLOTS, readKeyring, writeKeyring, type KeyringFile } from '../../../electron/core/keyring/keyring';
import { snapshot } from '../../fixtures/files';
import { hostileFile, makeFifo, outcomeOf, releaseFifo, settle } from '../../fixtures/hostile-files';
import { tempDir } from '../../fixtures/vault';

/** Bytes first, first + 1, …, first + n - 1. */
function run(first: number, n: number): Buffer {
  return Buffer.from(Array.from({ length: n }, (_, i) => (first + i) & 0xff));
}
const b64 = (first: number, n: number) => run(first, n).toString('base64');

/** Real X25519 public keys (points of large order). */
const KEY_A = 'I7e7jJGuAIcR+xKEZ4C83x4GX4Ib3+xJ9X58fc1MSCM=';
const KEY_B = 'n9etbc/0KY3T+W1bGyr5EKBTWxSI1/j6uzSamCiAthU=';
/** The documented vector's pre-login key. */
const KEY_C = 'cbS34HlE8LIehAUBFI6Xgn+yuXMb69EL1nQr6h+P20g=';
const MAX_COUNTER = 2 ** 31 - 1;
/** keyring.json's size cap (docs/keyring-format.md). */
const MAX_FILE = 12 * 1024 * 1024;

// X25519 (RFC 7748): u is 32 bytes little-endian, the top bit ignored, taken mod p. The points of
// order 1, 2, 4 or 8 give the all-zero secret with every private key, so nothing can be sealed
// to them: u ≡ 0, 1, p - 1 and the two points of order 8 (cr.yp.to/ecdh.html#validate).
const P = 2n ** 255n - 19n;
const SMALL_ORDER_U = [
  0n,
  1n,
  325606250916557431795983626356110631294008115727848805560023387167927233504n,
  39382357235489614581723060781553021112529911719440698176882885853963445705823n,
  P - 1n,
];
function uOf(bytes: Buffer): bigint {
  return bytes.reduceRight((acc, b) => (acc << 8n) | BigInt(b), 0n);
}
function encodeU(u: bigint): string {
  return Buffer.from(Array.from({ length: 32 }, (_, i) => Number((u >> BigInt(8 * i)) & 0xffn))).toString('base64');
}
/** Every 32-byte spelling of a small-order point: u and u + p where that fits, top bit clear or set. */
const LOW_ORDER: [string, string][] = SMALL_ORDER_U.flatMap((u, i) =>
  [u, u + P]
    .filter((v) => v < 2n ** 255n)
    .flatMap((v, j) => [
      [`small-order point ${i}${j ? ' + p' : ''}`, encodeU(v)] as [string, string],
      [`small-order point ${i}${j ? ' + p' : ''}, top bit set`, encodeU(v + 2n ** 255n)] as [string, string],
    ]),
);

/**
 * The same bytes spelt otherwise: a padding bit set when there is padding, else the last
 * character in base64url (Buffer decodes both to as many bytes).
 */
function nonCanonical(s: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const data = s.replace(/=+$/, '');
  const last = data[data.length - 1]!;
  const other = s.endsWith('=') ? alphabet[alphabet.indexOf(last) + 1]! : '-';
  return `${data.slice(0, -1)}${other}${s.slice(data.length)}`;
}

const SLOT = {
  slotId: '5c5d5e5f60616263',
  lookup: '54d1899c58164d022cdd53032d3ce08146f53fe9ff0df08673c55faee3b1c015',
  accountId: 1,
  kdf: { alg: 'argon2id', m: 65536, t: 3, p: 4, salt: b64(0x40, 16) },
  publicKey: KEY_A,
  privateKey: { nonce: b64(0x50, 12), wrapped: b64(0x60, 48) },
  vmk: { epk: KEY_B, nonce: b64(0x70, 12), ct: b64(0x80, 48) },
} as const;
/** In the canonical key order, so VALID_TEXT is what writeKeyring writes. */
const VALID: KeyringFile = {
  format: 'strongroom-keyring',
  version: 2,
  vaultId: '00000000-0000-4000-8000-000000000001',
  epoch: 1,
  generation: 3,
  lookupSalt: run(0x20, 32).toString('hex'),
  preauthPublicKey: KEY_C,
  slots: [
    structuredClone(SLOT),
    {
      slotId: '0011223344556677',
      lookup: 'ab'.repeat(32),
      accountId: 7,
      kdf: { alg: 'argon2id', m: KDF_CAP.m, t: KDF_CAP.t, p: KDF_CAP.p, salt: b64(1, 16) },
      publicKey: KEY_B,
      privateKey: { nonce: b64(0x51, 12), wrapped: b64(0x61, 48) },
      vmk: { epk: KEY_A, nonce: b64(0x71, 12), ct: b64(0x81, 48) },
    },
  ],
  mac: 'cd'.repeat(32),
};
const VALID_TEXT = `${JSON.stringify(VALID, null, 2)}\n`;

/** The bounds, written out again independently of the schema: what a read keyring must satisfy. */
function canonicalB64(s: unknown, bytes: number): boolean {
  return (
    typeof s === 'string' &&
    Buffer.from(s, 'base64').length === bytes &&
    Buffer.from(s, 'base64').toString('base64') === s
  );
}
function usableX25519(s: unknown): boolean {
  if (!canonicalB64(s, 32)) return false;
  const u = (uOf(Buffer.from(s as string, 'base64')) & (2n ** 255n - 1n)) % P;
  return !SMALL_ORDER_U.includes(u);
}
const intIn = (v: unknown, min: number, max: number) =>
  Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max;
const keysAre = (o: object, keys: string[]) =>
  JSON.stringify(Object.keys(o).sort()) === JSON.stringify([...keys].sort());
function withinBounds(k: KeyringFile): boolean {
  return (
    keysAre(k, [
      'format',
      'version',
      'vaultId',
      'epoch',
      'generation',
      'lookupSalt',
      'preauthPublicKey',
      'slots',
      'mac',
    ]) &&
    k.format === 'strongroom-keyring' &&
    k.version === 2 &&
    /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(k.vaultId) &&
    intIn(k.epoch, 1, MAX_COUNTER) &&
    intIn(k.generation, 1, MAX_COUNTER) &&
    /^[0-9a-f]{64}$/.test(k.lookupSalt) &&
    usableX25519(k.preauthPublicKey) &&
    /^[0-9a-f]{64}$/.test(k.mac) &&
    k.slots.length <= MAX_SLOTS &&
    k.slots.every(
      (s) =>
        keysAre(s, ['slotId', 'lookup', 'accountId', 'kdf', 'publicKey', 'privateKey', 'vmk']) &&
        keysAre(s.kdf, ['alg', 'm', 't', 'p', 'salt']) &&
        keysAre(s.privateKey, ['nonce', 'wrapped']) &&
        keysAre(s.vmk, ['epk', 'nonce', 'ct']) &&
        /^[0-9a-f]{16}$/.test(s.slotId) &&
        /^[0-9a-f]{64}$/.test(s.lookup) &&
        intIn(s.accountId, 1, Number.MAX_SAFE_INTEGER) &&
        s.kdf.alg === 'argon2id' &&
        intIn(s.kdf.m, 65_536, 1_048_576) &&
        intIn(s.kdf.t, 3, 16) &&
        intIn(s.kdf.p, 4, 16) &&
        canonicalB64(s.kdf.salt, 16) &&
        usableX25519(s.publicKey) &&
        canonicalB64(s.privateKey.nonce, 12) &&
        canonicalB64(s.privateKey.wrapped, 48) &&
        usableX25519(s.vmk.epk) &&
        canonicalB64(s.vmk.nonce, 12) &&
        canonicalB64(s.vmk.ct, 48),
    )
  );
}

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterAll(() => cleanup());

let serial = 0;
/** A fresh data directory holding only keyring.json with `content`. */
async function keyringDir(content: string | Buffer): Promise<{ dataDir: string; file: string }> {
  const dataDir = path.join(dir, `k${++serial}`);
  await mkdir(dataDir);
  const file = path.join(dataDir, 'keyring.json');
  await writeFile(file, content);
  return { dataDir, file };
}

/** The outcome of reading `content`, and whether the directory was left as it was. */
async function readBack(content: string | Buffer) {
  const { dataDir, file } = await keyringDir(content);
  const before = await snapshot(dataDir);
  const result = await settle(readKeyring(file));
  const untouched = JSON.stringify(await snapshot(dataDir)) === JSON.stringify(before);
  await rm(dataDir, { recursive: true });
  return { result, outcome: outcomeOf(result), untouched };
}

type Loose = Record<string, unknown>;
type Change = (k: KeyringFile & Loose) => unknown;
function edited(change: Change): string {
  const k = structuredClone(VALID) as KeyringFile & Loose;
  change(k);
  return JSON.stringify(k, null, 2);
}
const slot0 = (k: KeyringFile) => k.slots[0]! as unknown as Loose & { kdf: Loose; privateKey: Loose; vmk: Loose };

/** The object holding the field at `dotted` (top level, or in slot 0: "kdf.salt", "vmk.epk", …). */
function holderOf(k: KeyringFile, dotted: string): [Loose, string] {
  const parts = dotted.split('.');
  if (parts[0] === 'keyring') return [k, parts[1]!];
  const slot = slot0(k) as Loose;
  return parts.length === 1 ? [slot, parts[0]!] : [slot[parts[0]!] as Loose, parts[1]!];
}
const setField = (dotted: string, v: unknown) => (k: KeyringFile) => {
  const [holder, key] = holderOf(k, dotted);
  holder[key] = v;
};
const dropField = (dotted: string) => (k: KeyringFile) => {
  const [holder, key] = holderOf(k, dotted);
  delete holder[key];
};

const DAMAGED = 'VAULT_DAMAGED:keyring.damaged';

async function expectDamaged(change: Change) {
  const started = Date.now();
  const { outcome, untouched } = await readBack(edited(change));
  expect(outcome).toBe(DAMAGED);
  expect(untouched).toBe(true);
  expect(Date.now() - started).toBeLessThan(2_000);
}

describe('keyring.json bounds at read time', () => {
  it('reads the valid file, with one slot at the floor and one at the cap', async () => {
    const { result, untouched } = await readBack(VALID_TEXT);
    expect(result).toEqual({ kind: 'ok', value: VALID });
    expect(untouched).toBe(true);
    expect(VALID.slots.map((s) => [s.kdf.m, s.kdf.t, s.kdf.p])).toEqual([
      [KDF_FLOOR.m, KDF_FLOOR.t, KDF_FLOOR.p],
      [KDF_CAP.m, KDF_CAP.t, KDF_CAP.p],
    ]);
  });

  it.each<[string, Change]>([
    ['epoch and generation 1', (k) => Object.assign(k, { epoch: 1, generation: 1 })],
    ['epoch 2^31 - 1', setField('keyring.epoch', MAX_COUNTER)],
    ['generation 2^31 - 1', setField('keyring.generation', MAX_COUNTER)],
    ['epoch above generation', (k) => Object.assign(k, { epoch: 9, generation: 2 })],
    ['a public key and an epk that are the same point', setField('vmk.epk', KEY_A)],
    ['the pre-login key as a slot key', setField('publicKey', KEY_C)],
    ['no slots', (k) => (k.slots = [])],
  ])('reads a keyring with %s', async (_name, change) => {
    const { result, untouched } = await readBack(edited(change));
    expect(result).toEqual({ kind: 'ok', value: JSON.parse(edited(change)) });
    expect(untouched).toBe(true);
  });

  it.each<[string, Change]>([
    ['t = 1e9 (would hang every login)', (k) => (slot0(k).kdf.t = 1e9)],
    ['t = 17, above the cap', (k) => (slot0(k).kdf.t = 17)],
    ['t = 2, below the floor', (k) => (slot0(k).kdf.t = 2)],
    ['m = 2^40 KiB (would crash every login)', (k) => (slot0(k).kdf.m = 2 ** 40)],
    ['m = 2^24 KiB (16 GiB)', (k) => (slot0(k).kdf.m = 2 ** 24)],
    ['m = 1 GiB + 1 KiB, above the cap', (k) => (slot0(k).kdf.m = 1_048_577)],
    ['m = 65535, below the floor', (k) => (slot0(k).kdf.m = 65_535)],
    ['p = 17, above the cap', (k) => (slot0(k).kdf.p = 17)],
    ['p = 3, below the floor', (k) => (slot0(k).kdf.p = 3)],
    ['a salt of 15 bytes', (k) => (slot0(k).kdf.salt = b64(0x40, 15))],
    ['a salt of 17 bytes', (k) => (slot0(k).kdf.salt = b64(0x40, 17))],
    ['an empty salt', (k) => (slot0(k).kdf.salt = '')],
    ['a salt in non-canonical base64 (padding bits set)', (k) => (slot0(k).kdf.salt = 'QEFCQ0RFRkdISUpLTE1OTx==')],
    ['a salt without its padding', (k) => (slot0(k).kdf.salt = 'QEFCQ0RFRkdISUpLTE1OTw')],
    ['a salt in base64url', (k) => (slot0(k).kdf.salt = '-_-_Q0RFRkdISUpLTE1OTw==')],
    ['a pre-login public key of 31 bytes', (k) => (k.preauthPublicKey = b64(9, 31))],
    ['a pre-login public key of 33 bytes', (k) => (k.preauthPublicKey = b64(9, 33))],
    ['a pre-login public key in non-canonical base64', (k) => (k.preauthPublicKey = nonCanonical(KEY_C))],
    [
      'the all-zero pre-login public key (low order)',
      (k) => (k.preauthPublicKey = Buffer.alloc(32).toString('base64')),
    ],
    ['a key that is not in the format', (k) => (k.note = 'x')],
    ['a slot key that is not in the format', (k) => (slot0(k).extra = 1)],
    ['a kdf key that is not in the format', (k) => (slot0(k).kdf.version = 19)],
    ['a privateKey key that is not in the format', (k) => (slot0(k).privateKey.tag = b64(0, 16))],
    ['a vmk key that is not in the format', (k) => (slot0(k).vmk.epoch = 1)],
    ['an account id that is not a safe integer', (k) => (slot0(k).accountId = 2 ** 53)],
    ['version 1', setField('keyring.version', 1)],
    ['version 3', setField('keyring.version', 3)],
    [
      'a slot in the version 1 layout (nonce and wrapped, no key pair)',
      (k) => {
        const { slotId, lookup, accountId, kdf, privateKey } = k.slots[0]!;
        k.slots[0] = { slotId, lookup, accountId, kdf, ...privateKey } as never;
      },
    ],
    ['a slot with the version 1 nonce and wrapped as well', (k) => Object.assign(slot0(k), SLOT.privateKey)],
  ])('refuses %s as damaged, at once and without writing', async (_name, change) => {
    await expectDamaged(change);
  });

  describe('epoch and generation', () => {
    it.each(['epoch', 'generation'])('refuses a keyring without its %s', async (field) => {
      await expectDamaged(dropField(`keyring.${field}`));
    });

    it.each<[string, unknown]>([
      ['0', 0],
      ['-1', -1],
      ['-(2^31)', -(2 ** 31)],
      ['1.5', 1.5],
      ['1e-9', 1e-9],
      ['2^31, above 2^31 - 1', 2 ** 31],
      ['2^32', 2 ** 32],
      ['2^53', 2 ** 53],
      ['1e308', 1e308],
      ['a string', '1'],
      ['null', null],
      ['true', true],
      ['an array', [1]],
    ])('refuses an epoch or a generation of %s', async (_name, v) => {
      await expectDamaged(setField('keyring.epoch', v));
      await expectDamaged(setField('keyring.generation', v));
    });
  });

  describe('the slot key pair and sealed VMK', () => {
    it.each([
      'publicKey',
      'privateKey',
      'vmk',
      'privateKey.nonce',
      'privateKey.wrapped',
      'vmk.epk',
      'vmk.nonce',
      'vmk.ct',
    ])('refuses a slot without its %s', async (field) => {
      await expectDamaged(dropField(field));
    });

    it.each<[string, string, number]>([
      ['publicKey', KEY_A, 32],
      ['vmk.epk', KEY_B, 32],
      ['privateKey.nonce', SLOT.privateKey.nonce, 12],
      ['privateKey.wrapped', SLOT.privateKey.wrapped, 48],
      ['vmk.nonce', SLOT.vmk.nonce, 12],
      ['vmk.ct', SLOT.vmk.ct, 48],
    ])(
      'refuses a slot whose %s is too short, too long, empty, not canonical or not a string',
      async (field, value, n) => {
        const spelt = nonCanonical(value);
        // The non-canonical spelling decodes to the right length: only its spelling is wrong.
        expect([spelt !== value, Buffer.from(spelt, 'base64').length]).toEqual([true, n]);
        const unpadded = value.endsWith('=') ? [value.replace(/=+$/, '')] : [];
        for (const v of [
          b64(0x33, n - 1),
          b64(0x33, n + 1),
          b64(0x33, n + 16),
          '',
          spelt,
          ...unpadded,
          `${value}=`,
          `${value}\n`,
          ` ${value}`,
          Array.from(Buffer.from(value, 'base64')),
          null,
          32,
        ])
          await expectDamaged(setField(field, v));
      },
    );

    it('refuses an AES-GCM ciphertext without its tag (the bare 32-byte key)', async () => {
      await expectDamaged(setField('privateKey.wrapped', b64(0x60, 32)));
      await expectDamaged(setField('vmk.ct', b64(0x80, 32)));
    });

    it.each(['publicKey', 'vmk.epk', 'keyring.preauthPublicKey'])(
      'refuses every spelling of a small-order X25519 point as the %s',
      async (field) => {
        expect(LOW_ORDER.length).toBe(14);
        for (const [, v] of LOW_ORDER) await expectDamaged(setField(field, v));
      },
    );

    it.each(LOW_ORDER)('refuses the %s in any slot, also in the second', async (_name, v) => {
      await expectDamaged((k) => (k.slots[1]!.publicKey = v));
      await expectDamaged((k) => (k.slots[1]!.vmk.epk = v));
    });
  });

  it(`refuses more than ${MAX_SLOTS} slots; writeKeyring writes ${MAX_SLOTS} and refuses one more`, async () => {
    const slots = Array.from({ length: MAX_SLOTS + 1 }, (_, i) => ({
      ...structuredClone(SLOT),
      slotId: i.toString(16).padStart(16, '0'),
      lookup: i.toString(16).padStart(64, '0'),
      accountId: i + 1,
    }));
    expect((await readBack(JSON.stringify({ ...VALID, slots }))).outcome).toBe(DAMAGED);

    const full = { ...VALID, slots: slots.slice(0, MAX_SLOTS) };
    const { dataDir, file } = await keyringDir('');
    await writeKeyring(file, full);
    expect(await readKeyring(file)).toEqual(full);
    const before = await snapshot(dataDir);
    await expect(writeKeyring(file, { ...VALID, slots })).rejects.toThrow(RangeError);
    expect(await snapshot(dataDir)).toEqual(before);
  });

  it.each<[string, Change]>([
    ['a slot below the floor', (k) => Object.assign(slot0(k).kdf, { m: 256, t: 2, p: 2 })],
    ['epoch 0', setField('keyring.epoch', 0)],
    ['generation 2^31', setField('keyring.generation', 2 ** 31)],
    ['a small-order public key', setField('publicKey', LOW_ORDER[0]![1])],
    ['a small-order epk', setField('vmk.epk', LOW_ORDER[2]![1])],
    ['a short sealed VMK', setField('vmk.ct', b64(0x80, 32))],
  ])('writeKeyring refuses %s without touching the disk', async (_name, change) => {
    const { dataDir, file } = await keyringDir(VALID_TEXT);
    const before = await snapshot(dataDir);
    await expect(writeKeyring(file, JSON.parse(edited(change)) as KeyringFile)).rejects.toThrow(RangeError);
    expect(await snapshot(dataDir)).toEqual(before);
  });

  it('reads a valid file of exactly 12 MiB; refuses one byte more before parsing it, even if it is valid JSON', async () => {
    const padded = (size: number) => VALID_TEXT + ' '.repeat(size - Buffer.byteLength(VALID_TEXT));
    expect((await readBack(padded(MAX_FILE))).outcome).toBe('ok');
    const { outcome, untouched } = await readBack(padded(MAX_FILE + 1));
    expect(outcome).toBe(DAMAGED);
    expect(untouched).toBe(true);
  });

  it('refuses a directory in place of keyring.json as damaged', async () => {
    const dataDir = path.join(dir, 'as-dir');
    await mkdir(path.join(dataDir, 'keyring.json'), { recursive: true });
    expect(outcomeOf(await settle(readKeyring(path.join(dataDir, 'keyring.json'))))).toBe(DAMAGED);
  });

  it.skipIf(process.platform === 'win32')(
    'refuses a FIFO in place of keyring.json without waiting for a writer',
    async () => {
      const dataDir = path.join(dir, 'fifo');
      await mkdir(dataDir);
      const file = path.join(dataDir, 'keyring.json');
      makeFifo(file);
      const result = await settle(readKeyring(file), 2_000);
      await releaseFifo(file);
      expect(outcomeOf(result)).toBe(DAMAGED);
    },
  );

  it('says a missing keyring.json is a missing vault, as before', async () => {
    expect(outcomeOf(await settle(readKeyring(path.join(dir, 'nope', 'keyring.json'))))).toBe(
      'INPUT_REJECTED:vault.missing',
    );
  });

  it('property: any content reads as a keyring within the bounds or as damaged, never hangs, writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(hostileFile(Buffer.from(VALID_TEXT)), async (content) => {
        const { result, outcome, untouched } = await readBack(content);
        expect(outcome).toMatch(/^(ok|VAULT_DAMAGED:keyring\.damaged)$/);
        expect(result.kind === 'ok' ? withinBounds(result.value) : true).toBe(true);
        expect(untouched).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('property: a slot with any KDF numbers reads only when they are within floor and cap', async () => {
    const num = fc.oneof(
      fc.integer({ min: -10, max: 2_000_000 }),
      fc.double(),
      fc.constantFrom(2 ** 31, 2 ** 32, 2 ** 53, 1e300),
    );
    await fc.assert(
      fc.asyncProperty(num, num, num, async (m, t, p) => {
        const { outcome } = await readBack(edited((k) => Object.assign(slot0(k).kdf, { m, t, p })));
        const inBounds = intIn(m, 65_536, 1_048_576) && intIn(t, 3, 16) && intIn(p, 4, 16);
        expect(outcome).toBe(inBounds ? 'ok' : DAMAGED);
      }),
      { numRuns: 300 },
    );
  });

  it('property: epoch and generation read only as integers from 1 to 2^31 - 1', async () => {
    const value = fc.oneof(
      fc.integer({ min: -10, max: 10 }),
      fc.integer(),
      fc.integer({ min: MAX_COUNTER - 5, max: MAX_COUNTER + 5 }),
      fc.double(),
      fc.constantFrom<unknown>(0, -0, 2 ** 32, 2 ** 53, 1e300, '1', null, true),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('epoch', 'generation'), value, async (name, v) => {
        const { outcome } = await readBack(edited(setField(`keyring.${name}`, v)));
        expect(outcome).toBe(intIn(v, 1, MAX_COUNTER) ? 'ok' : DAMAGED);
      }),
      { numRuns: 300 },
    );
  });

  it('property: salt, nonces, wrapped key and sealed VMK read only as canonical base64 of their length; keys only as usable X25519 points', async () => {
    const want = {
      'kdf.salt': 16,
      'privateKey.nonce': 12,
      'privateKey.wrapped': 48,
      'vmk.nonce': 12,
      'vmk.ct': 48,
      publicKey: 'x25519',
      'vmk.epk': 'x25519',
      'keyring.preauthPublicKey': 'x25519',
    } as const;
    const field = fc.constantFrom(...(Object.keys(want) as (keyof typeof want)[]));
    const value = fc.oneof(
      fc.uint8Array({ maxLength: 70 }).map((b) => Buffer.from(b).toString('base64')),
      fc
        .constantFrom(12, 16, 32, 48)
        .chain((n) => fc.uint8Array({ minLength: n, maxLength: n }))
        .map((b) => Buffer.from(b).toString('base64')),
      fc.uint8Array({ maxLength: 70 }).map((b) => Buffer.from(b).toString('base64url')),
      fc.string({ unit: fc.constantFrom(...'ABCDQw+/=-_ '), maxLength: 70 }),
      fc.constantFrom(...LOW_ORDER.map(([, v]) => v), KEY_A, KEY_B, KEY_C, nonCanonical(KEY_A)),
    );
    await fc.assert(
      fc.asyncProperty(field, value, async (name, v) => {
        const { outcome } = await readBack(edited(setField(name, v)));
        const ok = want[name] === 'x25519' ? usableX25519(v) : canonicalB64(v, want[name]);
        expect(outcome).toBe(ok ? 'ok' : DAMAGED);
      }),
      { numRuns: 400 },
    );
  });
});

describe('the documented example stays readable', () => {
  it('reads keyring.json exactly as writeKeyring writes it', async () => {
    const { file } = await keyringDir('');
    await writeKeyring(file, VALID);
    expect(await readFile(file, 'utf8')).toBe(VALID_TEXT);
    expect(await readKeyring(file)).toEqual(VALID);
  });

  it('writeKeyring writes the canonical key order, whatever order the object has', async () => {
    const reversed = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reversed)
        : v !== null && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([key, x]) => [key, reversed(x)]),
            )
          : v;
    const shuffled = reversed(VALID) as KeyringFile;
    expect(Object.keys(shuffled)[0]).toBe('mac');
    const { file } = await keyringDir('');
    await writeKeyring(file, shuffled);
    expect(await readFile(file, 'utf8')).toBe(VALID_TEXT);
  });
});
