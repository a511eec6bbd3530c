/**
 * Collection conduct's policy settings at their bounds (collection-rules.md): the contact window
 * never before 08:00 or after 22:00, at most 3 reached calls and 6 attempts a day, 失联 after 3–5
 * failures, first contact within 1–48 hours (72 only by a manager's extension of one case).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, PolicySchema, type Policy } from '../../../electron/core/policy/policy';

const accepts = (change: Partial<Policy>): boolean => PolicySchema.safeParse({ ...DEFAULT_POLICY, ...change }).success;

describe('conduct settings', () => {
  it('ship the floor: 08:00–20:00, holidays paused on every channel, 3 reached, 5 attempts, 48 h', () => {
    expect(DEFAULT_POLICY).toMatchObject({
      contactFromMinute: 480,
      contactUntilMinute: 1200,
      holidayPause: ['call', 'sms', 'visit'],
      missingHolidayYear: 'weekends',
      reachedPerDay: 3,
      attemptsPerDay: 5,
      lostAfterFailures: 3,
      firstContactHours: 48,
    });
  });

  it.each<[Partial<Policy>, boolean]>([
    [{ contactFromMinute: 479 }, false],
    [{ contactFromMinute: 480 }, true],
    [{ contactUntilMinute: 1320 }, true],
    [{ contactUntilMinute: 1321 }, false],
    [{ contactFromMinute: 1200, contactUntilMinute: 1200 }, false],
    [{ reachedPerDay: 0 }, true],
    [{ reachedPerDay: 4 }, false],
    [{ attemptsPerDay: 6 }, true],
    [{ attemptsPerDay: 7 }, false],
    [{ attemptsPerDay: 0 }, false],
    [{ lostAfterFailures: 2 }, false],
    [{ lostAfterFailures: 5 }, true],
    [{ lostAfterFailures: 6 }, false],
    [{ firstContactHours: 48 }, true],
    [{ firstContactHours: 49 }, false],
    [{ firstContactHours: 0 }, false],
    [{ holidayPause: [] }, true],
    [{ holidayPause: ['fax' as 'call'] }, false],
    [{ missingHolidayYear: 'block' }, true],
    [{ missingHolidayYear: 'never' as 'block' }, false],
  ])('%o is %s', (change, ok) => {
    expect(accepts(change)).toBe(ok);
  });
});
