/**
 * Policy settings (policy.md): the floor's defaults, and the bounds IT may set them within.
 * A change is always logged with before/after and a reason; nothing goes past its bounds.
 */
import { z } from 'zod';
import {
  CHANNELS,
  MISSING_YEAR_MODES,
  QUIET_FROM_MINUTE,
  QUIET_UNTIL_MINUTE,
  REACHED_FLOOR,
} from '../../../shared/conduct';
import { FLOOR_COMPOSITION } from '../../../shared/password-rules';

export const PASSWORD_CLASSES = ['letter', 'digit', 'upper', 'lower', 'symbol'] as const;
export type PasswordClass = (typeof PASSWORD_CLASSES)[number];

export const PolicySchema = z
  .object({
    /** 密码至少8位 — min 8. */
    passwordMinLength: z.number().int().min(8).max(64),
    /** 字母和数字 — letters and digits always required; more classes may be added. */
    passwordClasses: z
      .array(z.enum(PASSWORD_CLASSES))
      .refine((c) => c.includes('letter') && c.includes('digit'), 'letters and digits are always required'),
    /** 有效期30天 — at most 30 days. */
    passwordMaxAgeDays: z.number().int().min(1).max(30),
    passwordExpiryWarningDays: z.number().int().min(0).max(30),
    /** New password differs from the last N (min 1). */
    passwordHistory: z.number().int().min(1).max(24),
    /** 重试最多三次 — at most 3. */
    lockoutThreshold: z.number().int().min(1).max(3),
    /** 锁定30分钟以上 — at least 30 minutes. */
    lockoutMinutes: z
      .number()
      .int()
      .min(30)
      .max(24 * 60),
    /** 专机专用: a login from a seat the account is not bound to. */
    seatBinding: z.enum(['enforce', 'warn', 'off']),
    /** 30秒屏保 — privacy curtain after this idle time (floor 30 s). */
    curtainSeconds: z.number().int().min(30).max(600),
    /** 十分钟屏保并设密码 — session lock after this idle time (floor 30 s, at most 10 min). */
    lockSeconds: z.number().int().min(30).max(600),
    /** Absolute session lifetime, whatever the activity. */
    sessionMaxHours: z.number().int().min(1).max(12),
    /** Sensitive actions ask for the password again unless it was entered this recently. */
    reauthMinutes: z.number().int().min(1).max(5),
    /** 联系时段 08:00–20:00: minutes after midnight (Asia/Shanghai), never before 08:00 or after 22:00. */
    contactFromMinute: z.number().int().min(QUIET_UNTIL_MINUTE).max(QUIET_FROM_MINUTE),
    contactUntilMinute: z.number().int().min(QUIET_UNTIL_MINUTE).max(QUIET_FROM_MINUTE),
    /** Channels paused on statutory days off (调休 workdays are workdays). */
    holidayPause: z.array(z.enum(CHANNELS)),
    /** With the calendar's year missing: weekends off with a banner, or no outbound calls. */
    missingHolidayYear: z.enum(MISSING_YEAR_MODES),
    /** Calls that reached the debtor, per debtor per day: 0–3. */
    reachedPerDay: z.number().int().min(0).max(REACHED_FLOOR),
    /** Unanswered attempts per debtor per day (never over 6 on one number). */
    attemptsPerDay: z.number().int().min(1).max(6),
    /** 失联: this many unanswered calls in a row on the debtor's own numbers allow third parties. */
    lostAfterFailures: z.number().int().min(3).max(5),
    /** 首催: first contact within this many hours of assignment (a manager may extend a case to 72). */
    firstContactHours: z.number().int().min(1).max(48),
  })
  .refine((p) => p.curtainSeconds <= p.lockSeconds, {
    message: 'the curtain comes before the lock',
    path: ['curtainSeconds'],
  })
  .refine((p) => p.contactFromMinute < p.contactUntilMinute, {
    message: 'the contact window opens before it closes',
    path: ['contactFromMinute'],
  });

export type Policy = z.infer<typeof PolicySchema>;
export type PolicyKey = keyof Policy;

export const DEFAULT_POLICY: Policy = {
  passwordMinLength: FLOOR_COMPOSITION.passwordMinLength,
  passwordClasses: [...FLOOR_COMPOSITION.passwordClasses],
  passwordMaxAgeDays: 30,
  passwordExpiryWarningDays: 5,
  passwordHistory: 5,
  lockoutThreshold: 3,
  lockoutMinutes: 30,
  seatBinding: 'enforce',
  curtainSeconds: 30,
  lockSeconds: 600,
  sessionMaxHours: 12,
  reauthMinutes: 5,
  contactFromMinute: 8 * 60,
  contactUntilMinute: 20 * 60,
  holidayPause: [...CHANNELS],
  missingHolidayYear: 'weekends',
  reachedPerDay: REACHED_FLOOR,
  attemptsPerDay: 5,
  lostAfterFailures: 3,
  firstContactHours: 48,
};
