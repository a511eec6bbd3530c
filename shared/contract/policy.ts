/** Policy settings (policy.md): passwords, lockout, seat binding, idle curtain and lock. */
import { z } from 'zod';
import { CHANNELS, MISSING_YEAR_MODES } from '../conduct';
import { Empty, PasswordClassSchema, Reason } from './fields';
import { procedure } from './procedure';

export const PolicyView = z.object({
  passwordMinLength: z.number().int(),
  passwordClasses: z.array(PasswordClassSchema),
  passwordMaxAgeDays: z.number().int(),
  passwordExpiryWarningDays: z.number().int(),
  passwordHistory: z.number().int(),
  lockoutThreshold: z.number().int(),
  lockoutMinutes: z.number().int(),
  seatBinding: z.enum(['enforce', 'warn', 'off']),
  curtainSeconds: z.number().int(),
  lockSeconds: z.number().int(),
  sessionMaxHours: z.number().int(),
  reauthMinutes: z.number().int(),
  contactFromMinute: z.number().int(),
  contactUntilMinute: z.number().int(),
  holidayPause: z.array(z.enum(CHANNELS)),
  missingHolidayYear: z.enum(MISSING_YEAR_MODES),
  reachedPerDay: z.number().int(),
  attemptsPerDay: z.number().int(),
  lostAfterFailures: z.number().int(),
  firstContactHours: z.number().int(),
});
export type PolicyView = z.infer<typeof PolicyView>;

export const policyProcedures = {
  'policy.get': procedure({ input: Empty, output: PolicyView, access: 'policy.read', audited: false }),
  'policy.set': procedure({
    input: z.object({ changes: PolicyView.partial(), reason: Reason }).strict(),
    output: PolicyView,
    access: 'policy.manage',
    audited: true,
    sensitive: true,
  }),
} as const;
