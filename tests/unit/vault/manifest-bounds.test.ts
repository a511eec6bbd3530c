/**
 * vault.json is bounded when read (docs/keyring-format.md, "Bounds at read time"): whatever is
 * written into it, reading gives a manifest within the bounds or `manifest.damaged` (exit 8):
 * never another error, never a hang, and nothing written.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANIFEST_FILE, readManifest, writeManifest, type Manifest } from '../../../electron/core/vault/manifest';
import { snapshot } from '../../fixtures/files';
import { hostileFile, makeFifo, outcomeOf, releaseFifo, settle } from '../../fixtures/hostile-files';
import { tempDir } from '../../fixtures/vault';

/** 9999-12-31T23:59:59.999Z. */
const MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

const VALID: Manifest = {
  format: 'strongroom-vault',
  version: 1,
  vaultId: '00000000-0000-4000-8000-000000000001',
  schemaVersion: 7,
  createdAt: Date.UTC(2026, 10, 23, 2, 0, 0),
};
const VALID_TEXT = `${JSON.stringify(VALID, null, 2)}\n`;

const intIn = (v: unknown, min: number, max: number) =>
  Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max;
function withinBounds(m: Manifest): boolean {
  return (
    JSON.stringify(Object.keys(m).sort()) ===
      JSON.stringify(['createdAt', 'format', 'schemaVersion', 'vaultId', 'version']) &&
    m.format === 'strongroom-vault' &&
    m.version === 1 &&
    /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(m.vaultId) &&
    intIn(m.schemaVersion, 0, 2 ** 31 - 1) &&
    intIn(m.createdAt, 0, MAX_TIME) &&
    !Number.isNaN(new Date(m.createdAt).getTime())
  );
}

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterAll(() => cleanup());

let serial = 0;
async function readBack(content: string | Buffer) {
  const dataDir = path.join(dir, `m${++serial}`);
  await mkdir(dataDir);
  await writeFile(path.join(dataDir, MANIFEST_FILE), content);
  const before = await snapshot(dataDir);
  const result = await settle(readManifest(dataDir));
  const untouched = JSON.stringify(await snapshot(dataDir)) === JSON.stringify(before);
  await rm(dataDir, { recursive: true });
  return { result, outcome: outcomeOf(result), untouched };
}
const edited = (change: Partial<Record<string, unknown>>) => JSON.stringify({ ...VALID, ...change });

describe('vault.json bounds at read time', () => {
  it('reads the valid file, and the file writeManifest writes', async () => {
    expect((await readBack(VALID_TEXT)).result).toEqual({ kind: 'ok', value: VALID });
    const dataDir = path.join(dir, 'written');
    await mkdir(dataDir);
    await writeManifest(dataDir, VALID);
    expect(await readFile(path.join(dataDir, MANIFEST_FILE), 'utf8')).toBe(VALID_TEXT);
    expect(await readManifest(dataDir)).toEqual(VALID);
  });

  it.each([
    ['a creation time before 1970', { createdAt: -1 }],
    ['a creation time after 9999', { createdAt: MAX_TIME + 1 }],
    ['a creation time no Date can hold', { createdAt: 2 ** 53 - 1 }],
    ['a schema version above 2^31 - 1', { schemaVersion: 2 ** 31 }],
    ['a negative schema version', { schemaVersion: -1 }],
    ['a vault id that is not a UUID', { vaultId: 'vault-1' }],
    ['a key that is not in the format', { note: 'x' }],
  ])('refuses %s as damaged without writing', async (_name, change) => {
    const { outcome, untouched } = await readBack(edited(change));
    expect(outcome).toBe('VAULT_DAMAGED:manifest.damaged');
    expect(untouched).toBe(true);
  });

  it('writeManifest refuses what it could not read back, without touching the disk', async () => {
    const dataDir = path.join(dir, 'refused');
    await mkdir(dataDir);
    await expect(writeManifest(dataDir, { ...VALID, createdAt: -5 })).rejects.toThrow(RangeError);
    expect(await snapshot(dataDir)).toEqual({});
  });

  it('refuses a file over 64 KiB before parsing it', async () => {
    expect((await readBack(VALID_TEXT + ' '.repeat(64 * 1024))).outcome).toBe('VAULT_DAMAGED:manifest.damaged');
  });

  it.skipIf(process.platform === 'win32')('refuses a FIFO in place of vault.json without waiting', async () => {
    const dataDir = path.join(dir, 'fifo');
    await mkdir(dataDir);
    makeFifo(path.join(dataDir, MANIFEST_FILE));
    const result = await settle(readManifest(dataDir), 2_000);
    await releaseFifo(path.join(dataDir, MANIFEST_FILE));
    expect(outcomeOf(result)).toBe('VAULT_DAMAGED:manifest.damaged');
  });

  it('says a missing vault.json is a missing vault, as before', async () => {
    expect(outcomeOf(await settle(readManifest(path.join(dir, 'nope'))))).toBe('INPUT_REJECTED:vault.missing');
  });

  it('property: any content reads as a manifest within the bounds or as damaged, never hangs, writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(hostileFile(Buffer.from(VALID_TEXT)), async (content) => {
        const { result, outcome, untouched } = await readBack(content);
        expect(outcome).toMatch(/^(ok|VAULT_DAMAGED:manifest\.damaged)$/);
        expect(result.kind === 'ok' ? withinBounds(result.value) : true).toBe(true);
        expect(untouched).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('property: any number as creation time or schema version reads only within its bounds', async () => {
    const num = fc.oneof(
      fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }),
      fc.double(),
      fc.constantFrom(0, MAX_TIME, MAX_TIME + 1, 2 ** 31 - 1, 2 ** 31, 8.64e15, 8.64e15 + 1),
    );
    await fc.assert(
      fc.asyncProperty(num, num, async (createdAt, schemaVersion) => {
        const { outcome } = await readBack(edited({ createdAt, schemaVersion }));
        const inBounds = intIn(createdAt, 0, MAX_TIME) && intIn(schemaVersion, 0, 2 ** 31 - 1);
        expect(outcome).toBe(inBounds ? 'ok' : 'VAULT_DAMAGED:manifest.damaged');
      }),
      { numRuns: 200 },
    );
  });
});
