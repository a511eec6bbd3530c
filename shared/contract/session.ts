/** Signing in and out, re-authentication, password changes, and the seat's idle reports. */
import { z } from 'zod';
import { Empty, Ok, Password, PasswordClassSchema, PermissionSchema, RoleSchema } from './fields';
import { procedure } from './procedure';

export const SessionInfo = z.object({
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  seatId: z.string(),
  /** Where the vault lives: this station's own file, or a floor's server. */
  store: z.enum(['embedded', 'floor']),
  permissions: z.array(PermissionSchema),
  startedAt: z.number().int(),
  /** Set when the only thing this session may do is change its password. */
  passwordChange: z.enum(['expired', 'oneTime']).nullable(),
  passwordExpiresAt: z.number().int(),
  policy: z.object({
    passwordMinLength: z.number().int(),
    passwordClasses: z.array(PasswordClassSchema),
    passwordExpiryWarningDays: z.number().int(),
    curtainSeconds: z.number().int(),
    lockSeconds: z.number().int(),
    sessionMaxHours: z.number().int(),
  }),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const sessionProcedures = {
  'session.login': procedure({
    input: z.object({ username: z.string().max(64), password: Password }),
    output: SessionInfo,
    access: 'public',
    audited: false, // the core logs login.ok / login.failed itself, including before unlock
  }),
  'session.current': procedure({ input: Empty, output: SessionInfo.nullable(), access: 'public', audited: false }),
  'session.logout': procedure({
    input: Empty,
    output: Ok,
    access: 'session',
    audited: false,
    beforePasswordChange: true,
  }),
  'session.changePassword': procedure({
    input: z.object({ current: Password, next: Password }).strict(),
    output: SessionInfo,
    access: 'session',
    audited: true,
    beforePasswordChange: true,
  }),
  'session.reauth': procedure({
    input: z.object({ password: Password }).strict(),
    output: Ok,
    access: 'session',
    audited: false,
    beforePasswordChange: true,
  }),
  /** The renderer reports user input (throttled) so the main process knows the seat is in use. */
  'session.activity': procedure({
    input: Empty,
    output: Ok,
    access: 'session',
    audited: false,
    beforePasswordChange: true,
  }),
  /** The renderer's idle timer asks for the lock; the main process also locks on its own. */
  'session.lock': procedure({
    input: Empty,
    output: Ok,
    access: 'session',
    audited: false,
    beforePasswordChange: true,
  }),
} as const;
