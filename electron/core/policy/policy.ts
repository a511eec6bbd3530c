/**
 * Policy settings (policy.md): the floor's defaults, and the bounds IT may set them within.
 * A change is always logged with before/after and a reason; nothing goes past its bounds.
 */
import { z } from 'zod';
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
  })
  .refine((p) => p.curtainSeconds <= p.lockSeconds, {
    message: 'the curtain comes before the lock',
    path: ['curtainSeconds'],
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
};
