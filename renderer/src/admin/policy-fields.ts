/**
 * The policy form's fields, grouped, with the bounds electron/core/policy/policy.ts enforces
 * (copied here as hints only: the main process checks every change).
 */
import type { PolicyView } from '../../../shared/contract';

export type NumberField = Exclude<
  keyof PolicyView,
  'passwordClasses' | 'seatBinding' | 'holidayPause' | 'missingHolidayYear' | ClockField
>;
/** Minutes after midnight, chosen as a time of day. */
export type ClockField = 'contactFromMinute' | 'contactUntilMinute';
export const CLOCK_FIELDS: readonly ClockField[] = ['contactFromMinute', 'contactUntilMinute'];
/** The contact window's choices: every half hour from 08:00 to 22:00 (the floor). */
export const CLOCK_CHOICES = Array.from({ length: 29 }, (_, i) => 8 * 60 + i * 30);

export const BOUNDS: Record<NumberField, readonly [min: number, max: number]> = {
  passwordMinLength: [8, 64],
  passwordMaxAgeDays: [1, 30],
  passwordExpiryWarningDays: [0, 30],
  passwordHistory: [1, 24],
  lockoutThreshold: [1, 3],
  lockoutMinutes: [30, 1440],
  curtainSeconds: [30, 600],
  lockSeconds: [30, 600],
  sessionMaxHours: [1, 12],
  reauthMinutes: [1, 5],
  reachedPerDay: [0, 3],
  attemptsPerDay: [1, 6],
  lostAfterFailures: [3, 5],
  firstContactHours: [1, 48],
};

export const POLICY_GROUPS: { key: string; fields: (keyof PolicyView)[] }[] = [
  {
    key: 'password',
    fields: [
      'passwordMinLength',
      'passwordClasses',
      'passwordMaxAgeDays',
      'passwordExpiryWarningDays',
      'passwordHistory',
    ],
  },
  { key: 'lockout', fields: ['lockoutThreshold', 'lockoutMinutes', 'seatBinding'] },
  { key: 'idle', fields: ['curtainSeconds', 'lockSeconds', 'sessionMaxHours', 'reauthMinutes'] },
  {
    key: 'conduct',
    fields: [
      'contactFromMinute',
      'contactUntilMinute',
      'holidayPause',
      'missingHolidayYear',
      'reachedPerDay',
      'attemptsPerDay',
      'lostAfterFailures',
      'firstContactHours',
    ],
  },
];

/** Letters and digits are always required (policy.md); the others may be added. */
export const FIXED_CLASSES = ['letter', 'digit'] as const;

/** Only the fields that differ from what is in force (the change logged is exactly what IT changed). */
export function changedFields(before: PolicyView, after: PolicyView): Partial<PolicyView> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(before) as (keyof PolicyView)[]) {
    const a = before[key];
    const b = after[key];
    const same =
      Array.isArray(a) && Array.isArray(b)
        ? a.length === b.length && a.every((x) => (b as readonly string[]).includes(x))
        : a === b;
    if (!same) out[key] = b;
  }
  return out;
}
