/**
 * An anchor file (`audit verify --anchor FILE`) comes from outside the vault: whatever it holds,
 * reading gives an anchor within the bounds or `anchor.invalid` / `anchor.unreadable` (exit 7):
 * never another error, never a hang, and nothing written next to it.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAnchorFile } from '../../../electron/cli/anchor-file';
import type { Anchor } from '../../../shared/contract';
import { snapshot } from '../../fixtures/files';
import { hostileFile, makeFifo, outcomeOf, releaseFifo, settle } from '../../fixtures/hostile-files';
import { tempDir } from '../../fixtures/vault';

const MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const VALID: Anchor = {
  format: 'strongroom-anchor',
  version: 1,
  vaultId: '00000000-0000-4000-8000-000000000001',
  seq: 42,
  hash: 'ab'.repeat(32),
  at: Date.UTC(2026, 10, 23, 2, 0, 0),
};
const VALID_TEXT = `${JSON.stringify(VALID)}\n`;

const intIn = (v: unknown, min: number, max: number) =>
  Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max;
function withinBounds(a: Anchor): boolean {
  return (
    JSON.stringify(Object.keys(a).sort()) === JSON.stringify(['at', 'format', 'hash', 'seq', 'vaultId', 'version']) &&
    a.format === 'strongroom-anchor' &&
    a.version === 1 &&
    /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(a.vaultId) &&
    intIn(a.seq, 0, Number.MAX_SAFE_INTEGER) &&
    /^[0-9a-f]{64}$/.test(a.hash) &&
    intIn(a.at, 0, MAX_TIME)
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
  const folder = path.join(dir, `a${++serial}`);
  await mkdir(folder);
  const file = path.join(folder, 'anchor.json');
  await writeFile(file, content);
  const before = await snapshot(folder);
  const result = await settle(readAnchorFile(file));
  const untouched = JSON.stringify(await snapshot(folder)) === JSON.stringify(before);
  await rm(folder, { recursive: true });
  return { result, outcome: outcomeOf(result), untouched };
}
const edited = (change: Record<string, unknown>) => JSON.stringify({ ...VALID, ...change });

describe('anchor file bounds', () => {
  it('reads the anchor as `audit anchor` writes it, with or without a byte-order mark', async () => {
    expect((await readBack(VALID_TEXT)).result).toEqual({ kind: 'ok', value: VALID });
    expect((await readBack(`\uFEFF${VALID_TEXT}`)).result).toEqual({ kind: 'ok', value: VALID });
  });

  it.each([
    ['a vault id over two lines (it is echoed in the one-line error)', { vaultId: 'vault\nFAILED: forged' }],
    ['a vault id of 60,000 characters', { vaultId: 'v'.repeat(60_000) }],
    ['a time before 1970', { at: -1 }],
    ['a time after 9999 (no Date can show 2^53 - 1)', { at: 2 ** 53 - 1 }],
    ['a key that is not in the format', { note: 'x' }],
  ])('rejects %s', async (_name, change) => {
    const { outcome, untouched } = await readBack(edited(change));
    expect(outcome).toBe('INPUT_REJECTED:anchor.invalid');
    expect(untouched).toBe(true);
  });

  it('rejects a file over 64 KiB and a directory as unreadable', async () => {
    expect((await readBack(VALID_TEXT + ' '.repeat(64 * 1024))).outcome).toBe('INPUT_REJECTED:anchor.unreadable');
    await mkdir(path.join(dir, 'a-dir'));
    expect(outcomeOf(await settle(readAnchorFile(path.join(dir, 'a-dir'))))).toBe('INPUT_REJECTED:anchor.unreadable');
    expect(outcomeOf(await settle(readAnchorFile(path.join(dir, 'missing.json'))))).toBe(
      'INPUT_REJECTED:anchor.unreadable',
    );
  });

  it.skipIf(process.platform === 'win32')('rejects a FIFO without waiting for a writer', async () => {
    const file = path.join(dir, 'anchor.fifo');
    makeFifo(file);
    const result = await settle(readAnchorFile(file), 2_000);
    await releaseFifo(file);
    expect(outcomeOf(result)).toBe('INPUT_REJECTED:anchor.unreadable');
  });

  it('property: any content reads as an anchor within the bounds or is rejected, never hangs, writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(hostileFile(Buffer.from(VALID_TEXT)), async (content) => {
        const { result, outcome, untouched } = await readBack(content);
        // Unreadable: over 64 KiB (a mutation may add a long string).
        expect(outcome).toMatch(/^(ok|INPUT_REJECTED:anchor\.(invalid|unreadable))$/);
        expect(result.kind === 'ok' ? withinBounds(result.value) : true).toBe(true);
        expect(untouched).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
