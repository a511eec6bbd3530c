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

const SLOT = {
  slotId: '5c5d5e5f60616263',
  lookup: '54d1899c58164d022cdd53032d3ce08146f53fe9ff0df08673c55faee3b1c015',
  accountId: 1,
  kdf: { alg: 'argon2id', m: 65536, t: 3, p: 4, salt: b64(0x40, 16) },
  nonce: b64(0x50, 12),
  wrapped: b64(0x60, 48),
} as const;
const VALID: KeyringFile = {
  format: 'strongroom-keyring',
  version: 1,
  vaultId: '00000000-0000-4000-8000-000000000001',
  lookupSalt: run(0x20, 32).toString('hex'),
  /** The documented vector's pre-login key (a real X25519 point). */
  preauthPublicKey: 'cbS34HlE8LIehAUBFI6Xgn+yuXMb69EL1nQr6h+P20g=',
  slots: [
    { ...SLOT, kdf: { ...SLOT.kdf } },
    {
      ...SLOT,
      slotId: '0011223344556677',
      lookup: 'ab'.repeat(32),
      accountId: 7,
      kdf: { ...KDF_CAP, alg: 'argon2id', salt: b64(1, 16) },
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
const intIn = (v: unknown, min: number, max: number) =>
  Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max;
const keysAre = (o: object, keys: string[]) =>
  JSON.stringify(Object.keys(o).sort()) === JSON.stringify([...keys].sort());
function withinBounds(k: KeyringFile): boolean {
  return (
    keysAre(k, ['format', 'version', 'vaultId', 'lookupSalt', 'preauthPublicKey', 'slots', 'mac']) &&
    k.format === 'strongroom-keyring' &&
    k.version === 1 &&
    /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(k.vaultId) &&
    /^[0-9a-f]{64}$/.test(k.lookupSalt) &&
    canonicalB64(k.preauthPublicKey, 32) &&
    /^[0-9a-f]{64}$/.test(k.mac) &&
    k.slots.length <= MAX_SLOTS &&
    k.slots.every(
      (s) =>
        keysAre(s, ['slotId', 'lookup', 'accountId', 'kdf', 'nonce', 'wrapped']) &&
        keysAre(s.kdf, ['alg', 'm', 't', 'p', 'salt']) &&
        /^[0-9a-f]{16}$/.test(s.slotId) &&
        /^[0-9a-f]{64}$/.test(s.lookup) &&
        intIn(s.accountId, 1, Number.MAX_SAFE_INTEGER) &&
        s.kdf.alg === 'argon2id' &&
        intIn(s.kdf.m, 65_536, 1_048_576) &&
        intIn(s.kdf.t, 3, 16) &&
        intIn(s.kdf.p, 4, 16) &&
        canonicalB64(s.kdf.salt, 16) &&
        canonicalB64(s.nonce, 12) &&
        canonicalB64(s.wrapped, 48),
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

function edited(change: (k: KeyringFile & Record<string, unknown>) => void): string {
  const k = structuredClone(VALID) as KeyringFile & Record<string, unknown>;
  change(k);
  return JSON.stringify(k, null, 2);
}
const slot0 = (k: KeyringFile) => k.slots[0]! as Record<string, unknown> & { kdf: Record<string, unknown> };

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

  it.each([
    ['t = 1e9 (would hang every login)', (k: KeyringFile) => (slot0(k).kdf.t = 1e9)],
    ['t = 17, above the cap', (k: KeyringFile) => (slot0(k).kdf.t = 17)],
    ['t = 2, below the floor', (k: KeyringFile) => (slot0(k).kdf.t = 2)],
    ['m = 2^40 KiB (would crash every login)', (k: KeyringFile) => (slot0(k).kdf.m = 2 ** 40)],
    ['m = 2^24 KiB (16 GiB)', (k: KeyringFile) => (slot0(k).kdf.m = 2 ** 24)],
    ['m = 1 GiB + 1 KiB, above the cap', (k: KeyringFile) => (slot0(k).kdf.m = 1_048_577)],
    ['m = 65535, below the floor', (k: KeyringFile) => (slot0(k).kdf.m = 65_535)],
    ['p = 17, above the cap', (k: KeyringFile) => (slot0(k).kdf.p = 17)],
    ['p = 3, below the floor', (k: KeyringFile) => (slot0(k).kdf.p = 3)],
    ['a salt of 15 bytes', (k: KeyringFile) => (slot0(k).kdf.salt = b64(0x40, 15))],
    ['a salt of 17 bytes', (k: KeyringFile) => (slot0(k).kdf.salt = b64(0x40, 17))],
    ['an empty salt', (k: KeyringFile) => (slot0(k).kdf.salt = '')],
    [
      'a salt in non-canonical base64 (padding bits set)',
      (k: KeyringFile) => (slot0(k).kdf.salt = 'QEFCQ0RFRkdISUpLTE1OTx=='),
    ],
    ['a salt without its padding', (k: KeyringFile) => (slot0(k).kdf.salt = 'QEFCQ0RFRkdISUpLTE1OTw')],
    ['a salt in base64url', (k: KeyringFile) => (slot0(k).kdf.salt = '-_-_Q0RFRkdISUpLTE1OTw==')],
    ['a slot nonce of 11 bytes', (k: KeyringFile) => (slot0(k).nonce = b64(0x50, 11))],
    ['a slot nonce of 16 bytes', (k: KeyringFile) => (slot0(k).nonce = b64(0x50, 16))],
    ['a wrapped key of 47 bytes', (k: KeyringFile) => (slot0(k).wrapped = b64(0x60, 47))],
    ['a wrapped key of 64 bytes', (k: KeyringFile) => (slot0(k).wrapped = b64(0x60, 64))],
    ['a pre-login public key of 31 bytes', (k: KeyringFile) => (k.preauthPublicKey = b64(9, 31))],
    ['a pre-login public key of 33 bytes', (k: KeyringFile) => (k.preauthPublicKey = b64(9, 33))],
    [
      'the all-zero pre-login public key (low order)',
      (k: KeyringFile) => (k.preauthPublicKey = Buffer.alloc(32).toString('base64')),
    ],
    ['a key that is not in the format', (k: KeyringFile & Record<string, unknown>) => (k.note = 'x')],
    ['a slot key that is not in the format', (k: KeyringFile) => (slot0(k).extra = 1)],
    ['a kdf key that is not in the format', (k: KeyringFile) => (slot0(k).kdf.version = 19)],
    ['an account id that is not a safe integer', (k: KeyringFile) => (slot0(k).accountId = 2 ** 53)],
  ])('refuses %s as damaged, at once and without writing', async (_name, change) => {
    const started = Date.now();
    const { outcome, untouched } = await readBack(edited(change));
    expect(outcome).toBe('VAULT_DAMAGED:keyring.damaged');
    expect(untouched).toBe(true);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it(`refuses more than ${MAX_SLOTS} slots; writeKeyring writes ${MAX_SLOTS} and refuses one more`, async () => {
    const slots = Array.from({ length: MAX_SLOTS + 1 }, (_, i) => ({
      ...SLOT,
      slotId: i.toString(16).padStart(16, '0'),
      lookup: i.toString(16).padStart(64, '0'),
      accountId: i + 1,
    }));
    expect((await readBack(JSON.stringify({ ...VALID, slots }))).outcome).toBe('VAULT_DAMAGED:keyring.damaged');

    const full = { ...VALID, slots: slots.slice(0, MAX_SLOTS) };
    const { dataDir, file } = await keyringDir('');
    await writeKeyring(file, full);
    expect(await readKeyring(file)).toEqual(full);
    const before = await snapshot(dataDir);
    await expect(writeKeyring(file, { ...VALID, slots })).rejects.toThrow(RangeError);
    expect(await snapshot(dataDir)).toEqual(before);
  });

  it('writeKeyring refuses a slot below the floor without touching the disk', async () => {
    const { dataDir, file } = await keyringDir(VALID_TEXT);
    const before = await snapshot(dataDir);
    const small = { ...VALID, slots: [{ ...SLOT, kdf: { ...SLOT.kdf, m: 256, t: 2, p: 2 } }] };
    await expect(writeKeyring(file, small)).rejects.toThrow(RangeError);
    expect(await snapshot(dataDir)).toEqual(before);
  });

  it('refuses a file over 8 MiB before parsing it, even if it is valid JSON', async () => {
    const { outcome, untouched } = await readBack(VALID_TEXT + ' '.repeat(8 * 1024 * 1024));
    expect(outcome).toBe('VAULT_DAMAGED:keyring.damaged');
    expect(untouched).toBe(true);
  });

  it('refuses a directory in place of keyring.json as damaged', async () => {
    const dataDir = path.join(dir, 'as-dir');
    await mkdir(path.join(dataDir, 'keyring.json'), { recursive: true });
    expect(outcomeOf(await settle(readKeyring(path.join(dataDir, 'keyring.json'))))).toBe(
      'VAULT_DAMAGED:keyring.damaged',
    );
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
      expect(outcomeOf(result)).toBe('VAULT_DAMAGED:keyring.damaged');
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
        expect(outcome).toBe(inBounds ? 'ok' : 'VAULT_DAMAGED:keyring.damaged');
      }),
      { numRuns: 300 },
    );
  });

  it('property: salt, nonce and wrapped key read only as canonical base64 of 16, 12 and 48 bytes', async () => {
    const field = fc.constantFrom('salt', 'nonce', 'wrapped');
    const value = fc.oneof(
      fc.uint8Array({ maxLength: 70 }).map((b) => Buffer.from(b).toString('base64')),
      fc.uint8Array({ maxLength: 70 }).map((b) => Buffer.from(b).toString('base64url')),
      fc.string({ unit: fc.constantFrom(...'ABCDQw+/=-_ '), maxLength: 70 }),
    );
    const want = { salt: 16, nonce: 12, wrapped: 48 } as const;
    await fc.assert(
      fc.asyncProperty(field, value, async (name, v) => {
        const { outcome } = await readBack(
          edited((k) => (name === 'salt' ? (slot0(k).kdf.salt = v) : (slot0(k)[name] = v))),
        );
        expect(outcome).toBe(canonicalB64(v, want[name]) ? 'ok' : 'VAULT_DAMAGED:keyring.damaged');
      }),
      { numRuns: 300 },
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
});
