/**
 * The call rules at their boundaries (collection-rules.md), as one pure function: the floor's
 * quiet hours and caps never yield, the customer's own rules yield only to a lead's override.
 */
import { describe, expect, it } from 'vitest';
import { checkCall, type CallFacts } from '../../../electron/core/contacts/call-rules';
import { DEFAULT_POLICY } from '../../../electron/core/policy/policy';
import type { OverridableRule } from '../../../shared/conduct';

const at = (hh: number, mm: number): number => hh * 60 + mm;

function facts(over: Partial<CallFacts> = {}): CallFacts {
  return {
    minute: at(10, 0),
    policy: DEFAULT_POLICY,
    caseState: 'open',
    onHold: false,
    callOpen: false,
    thirdParty: false,
    debtorLost: false,
    contactRefused: false,
    today: { off: false, known: true },
    counters: { reached: 0, attempts: 0, onNumber: 0 },
    overridden: new Set(),
    ...over,
  };
}

const blockedBy = (f: Partial<CallFacts>) => checkCall(facts(f)).blockedBy;

describe('the contact window and quiet hours', () => {
  it.each([
    [at(7, 59), 'quietHours'],
    [at(8, 0), null],
    [at(19, 59), null],
    [at(20, 0), 'contactWindow'],
    [at(21, 59), 'contactWindow'],
    [at(22, 0), 'quietHours'],
    [at(23, 59), 'quietHours'],
    [at(0, 0), 'quietHours'],
  ])('at minute %i: %s', (minute, rule) => {
    expect(blockedBy({ minute })).toBe(rule);
  });

  it('a window IT widened to 22:00 allows 21:59 and still stops at 22:00', () => {
    const policy = { ...DEFAULT_POLICY, contactUntilMinute: at(22, 0) };
    expect(blockedBy({ policy, minute: at(21, 59) })).toBeNull();
    expect(blockedBy({ policy, minute: at(22, 0) })).toBe('quietHours');
  });

  it("a lead's override opens 20:00–22:00, never quiet hours", () => {
    const overridden = new Set<OverridableRule>(['contactWindow']);
    const late = checkCall(facts({ minute: at(21, 59), overridden }));
    expect(late.allowed).toBe(true);
    expect(late.checks.find((c) => c.rule === 'contactWindow')).toMatchObject({ ok: true, overridden: true });
    expect(blockedBy({ minute: at(22, 0), overridden })).toBe('quietHours');
  });
});

describe('the daily counters', () => {
  it.each([
    [{ reached: 2, attempts: 0, onNumber: 2 }, null],
    [{ reached: 3, attempts: 0, onNumber: 3 }, 'reachedFloor'],
    [{ reached: 0, attempts: 4, onNumber: 4 }, null],
    [{ reached: 0, attempts: 5, onNumber: 5 }, 'attemptCap'],
    [{ reached: 1, attempts: 2, onNumber: 6 }, 'numberCap'],
  ])('%o: %s', (counters, rule) => {
    expect(blockedBy({ counters })).toBe(rule);
  });

  it('a tighter cap yields to a lead, the floor of 3 reached calls never does', () => {
    const policy = { ...DEFAULT_POLICY, reachedPerDay: 2 };
    const overridden = new Set<OverridableRule>(['reachedCap', 'attemptCap']);
    expect(blockedBy({ policy, counters: { reached: 2, attempts: 0, onNumber: 2 } })).toBe('reachedCap');
    expect(blockedBy({ policy, overridden, counters: { reached: 2, attempts: 0, onNumber: 2 } })).toBeNull();
    expect(blockedBy({ policy, overridden, counters: { reached: 3, attempts: 0, onNumber: 3 } })).toBe('reachedFloor');
    // Unanswered attempts: the customer's 5 yields, the 6 per number does not.
    expect(blockedBy({ overridden, counters: { reached: 0, attempts: 5, onNumber: 5 } })).toBeNull();
    expect(blockedBy({ overridden, counters: { reached: 0, attempts: 6, onNumber: 6 } })).toBe('numberCap');
  });
});

describe('holidays', () => {
  it('a day off pauses calls, a make-up workday does not, and the setting can lift it per channel', () => {
    expect(blockedBy({ today: { off: true, known: true } })).toBe('holiday');
    expect(blockedBy({ today: { off: false, known: true } })).toBeNull();
    const policy = { ...DEFAULT_POLICY, holidayPause: ['sms', 'visit'] as ('sms' | 'visit')[] };
    expect(blockedBy({ policy, today: { off: true, known: true } })).toBeNull();
  });

  it('a missing year: weekends off by default, or no calls at all when the policy says block', () => {
    expect(blockedBy({ today: { off: false, known: false } })).toBeNull();
    expect(blockedBy({ today: { off: true, known: false } })).toBe('holiday');
    const policy = { ...DEFAULT_POLICY, missingHolidayYear: 'block' as const };
    expect(blockedBy({ policy, today: { off: false, known: false } })).toBe('holidayYearMissing');
  });
});

describe('holds, third parties and the rest of the floor', () => {
  const everything = new Set<OverridableRule>([
    'contactWindow',
    'holiday',
    'holidayYearMissing',
    'reachedCap',
    'attemptCap',
  ]);

  it.each<[Partial<CallFacts>, string]>([
    [{ onHold: true }, 'hold'],
    [{ caseState: 'closed' }, 'caseState'],
    [{ callOpen: true }, 'callInProgress'],
    [{ thirdParty: true }, 'thirdParty'],
    [{ thirdParty: true, debtorLost: true, contactRefused: true }, 'thirdPartyRefused'],
    [{ minute: at(22, 30) }, 'quietHours'],
  ])('%o is refused by %s whatever a lead overrode', (f, rule) => {
    const verdict = checkCall(facts({ ...f, overridden: everything }));
    expect(verdict.blockedBy).toBe(rule);
    expect(verdict.checks.find((c) => c.rule === rule)).toMatchObject({ ok: false, floor: true });
  });

  it('a third party is allowed once the debtor is unreachable', () => {
    expect(blockedBy({ thirdParty: true, debtorLost: true })).toBeNull();
  });

  it('lists every rule with its source, in order', () => {
    const { checks } = checkCall(facts());
    expect(checks.map((c) => c.rule)).toEqual([
      'caseState',
      'hold',
      'callInProgress',
      'thirdParty',
      'thirdPartyRefused',
      'quietHours',
      'contactWindow',
      'holiday',
      'holidayYearMissing',
      'reachedFloor',
      'reachedCap',
      'attemptCap',
      'numberCap',
    ]);
    expect(checks.every((c) => c.ok && c.source.length > 0)).toBe(true);
  });
});
