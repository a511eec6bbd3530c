/**
 * The cases the check keeps for the commit (checked-cases.ts): handed back in order, those left
 * out skipped, in chunks of the size asked; past its limit everything is wiped and nothing kept.
 */
import { describe, expect, it } from 'vitest';
import { decodeCases, type NewCase } from '../../../electron/core/cases/case-rows';
import { CheckedCases } from '../../../electron/core/import/checked-cases';

const aCase = (n: number): NewCase => ({
  caseNo: `BN${n}`,
  sourceRow: n + 1,
  pii: { name: `王${'五'.repeat(n % 7)}`, home_address: '河南省郑州市中牟县迎宾路1号' },
  gender: '',
  amountAssignedFen: n,
  principalFen: null,
  daysOverdue: null,
  bucket: null,
  assignedOn: null,
  returnOn: null,
  contacts: [],
});

describe('the checked cases', () => {
  it('come back in order, in chunks, without those left out', () => {
    const kept = new CheckedCases(64 * 1024 * 1024);
    for (let n = 0; n < 2_500; n += 1) kept.add(`a.csv#${n + 2}`, aCase(n));
    expect(kept.size).toBe(2_500);
    const leaveOut = new Set(['a.csv#2', 'a.csv#1000', 'a.csv#2501']);
    const chunks = [...kept.chunks(leaveOut, 1_000)];
    expect(chunks.map((c) => c.count)).toEqual([1_000, 1_000, 497]);
    const back = chunks.flatMap((c) => decodeCases(c.lines));
    expect(back.map((c) => c.caseNo)).toEqual(
      Array.from({ length: 2_500 }, (_, n) => n)
        .filter((n) => ![0, 998, 2_499].includes(n))
        .map((n) => `BN${n}`),
    );
    expect(back[0]).toEqual(aCase(1));
  });

  it('past its limit keep nothing: wiped, and said so', () => {
    const kept = new CheckedCases(3 * 1024 * 1024);
    for (let n = 0; n < 20_000; n += 1) kept.add(`a.csv#${n}`, aCase(n));
    expect(kept.overflowed).toBe(true);
    expect(kept.size).toBe(0);
    expect([...kept.chunks(new Set(), 1_000)]).toEqual([]);
  });

  it('wipe zeroes what was kept', () => {
    const kept = new CheckedCases(64 * 1024 * 1024);
    kept.add('a.csv#2', aCase(3));
    const blocks = (kept as unknown as { blocks: Buffer[] }).blocks;
    const [block] = blocks;
    expect(block!.includes(Buffer.from('河南省'))).toBe(true);
    kept.wipe();
    expect(block!.every((b) => b === 0)).toBe(true);
    expect(kept.size).toBe(0);
  });
});
