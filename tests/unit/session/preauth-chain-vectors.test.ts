/**
 * The pre-login journal's hash chain (docs/keyring-format.md, "Test vectors"): heads computed
 * independently with Python's hashlib:
 *   head_n = sha256(head_{n-1} + f"{n}|{epk}|{nonce}|{ct}".encode()), head_0 = 32 zero bytes.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREAUTH_FILE, PreauthJournal } from '../../../electron/core/session/preauth-journal';

const EPK = 'ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8='; // bytes 20..3f
const NONCE = 'QEFCQ0RFRkdISUpL'; // bytes 40..4b
const CT1 = 'UFFSU1RVVldYWVpbXF1eX2BhYmNkZWZnaGlqa2xtbm8='; // bytes 50..6f
const CT2 = 'cHFyc3R1dnd4eXp7fH1+f4CBgoOEhYaHiImKi4yNjo+Q'; // bytes 70..90
const HEADS = {
  0: '0'.repeat(64),
  1: '3c1c0ec60f576dd696bbd9054ba876aa3d1fecca26ba907321e683437f9503fa',
  2: '148c3175da9850197d996c6d900fe90f0d9d7d3c5d0d261974a350dea9f112b1',
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'strongroom-chain-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function journalWith(chain: { baseN: number; baseHead: string }, boxes: { n: number; ct: string }[]) {
  const state = {
    format: 'strongroom-preauth',
    version: 1,
    lastSeen: 1_795_000_000_000,
    nextN: 3,
    dropped: 0,
    counters: {},
    sealed: boxes.map((b) => ({ n: b.n, epk: EPK, nonce: NONCE, ct: b.ct })),
    chain: { id: 'a'.repeat(32), ...chain },
  };
  await writeFile(path.join(dir, PREAUTH_FILE), JSON.stringify(state));
  const journal = await PreauthJournal.load(dir);
  expect(journal.damaged).toBe(false);
  return journal;
}

describe('pre-login journal chain vectors', () => {
  it('links each box to the head before it', async () => {
    const journal = await journalWith({ baseN: 0, baseHead: HEADS[0] }, [
      { n: 1, ct: CT1 },
      { n: 2, ct: CT2 },
    ]);
    expect([journal.headAt(0), journal.headAt(1), journal.headAt(2)]).toEqual([HEADS[0], HEADS[1], HEADS[2]]);
    expect(journal.drained()).toEqual({ id: 'a'.repeat(32), through: 2, head: HEADS[2] });
  });

  it('carries on from a base that forgot box 1', async () => {
    const journal = await journalWith({ baseN: 1, baseHead: HEADS[1] }, [{ n: 2, ct: CT2 }]);
    expect(journal.headAt(2)).toBe(HEADS[2]);
    expect(journal.follows({ id: 'a'.repeat(32), through: 1, head: HEADS[1] })).toBe('continues');
    expect(journal.follows({ id: 'a'.repeat(32), through: 1, head: HEADS[2] })).toBe('forked');
    expect(journal.follows({ id: 'b'.repeat(32), through: 1, head: HEADS[1] })).toBe('replaced');
    expect(journal.follows({ id: 'a'.repeat(32), through: 5, head: HEADS[1] })).toBe('rolledBack');
  });
});
