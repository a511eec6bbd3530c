/** 账号管理 — accounts: list, failure history, add, reset, unlock, close, change role; the owner's notices. */
import { z } from 'zod';
import { AuditEventView } from './audit';
import { Approval, DisplayName, Empty, Ok, Password, Reason, RoleSchema, SeatIdSchema, Username } from './fields';
import { procedure } from './procedure';

export const AccountState = z.enum(['active', 'mustChange', 'expiring', 'locked', 'closed']);
export const AccountDetail = z.object({
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  state: AccountState,
  createdAt: z.number().int(),
  lastLoginAt: z.number().int().nullable(),
  passwordExpiresAt: z.number().int(),
  lockedUntil: z.number().int().nullable(),
  failures: z.number().int(),
  seats: z.array(z.string()),
});
export type AccountDetail = z.infer<typeof AccountDetail>;

const ByName = z.object({ username: Username, reason: Reason }).strict();

/**
 * What others did to the signed-in user's account, or in their name, that they have not yet
 * acknowledged: access-log events, newest first (at most `NOTICES_SHOWN`; `more` counts the rest).
 */
export const AccountNotices = z.object({
  notices: z.array(AuditEventView),
  more: z.number().int().nonnegative(),
  /** The sequence number to acknowledge with account.noticesSeen once they were shown. */
  through: z.number().int().nonnegative(),
});
export type AccountNotices = z.infer<typeof AccountNotices>;
export const NOTICES_SHOWN = 50;

export const accountProcedures = {
  'account.list': procedure({ input: Empty, output: z.array(AccountDetail), access: 'account.read', audited: false }),
  'account.failures': procedure({
    input: z.object({ username: Username }).strict(),
    output: z.array(AuditEventView),
    access: 'account.read',
    audited: false,
  }),
  'account.add': procedure({
    input: z.object({
      username: Username,
      displayName: DisplayName.optional(),
      role: RoleSchema,
      password: Password,
      seatId: SeatIdSchema.optional(),
      /** Needed for a new auditor or general manager once the vault has an active one. */
      approval: Approval.optional(),
    }),
    output: Ok,
    access: 'account.manage',
    audited: true,
    sensitive: true,
  }),
  'account.reset': procedure({
    /** `approval` is needed when the account is an auditor's or a general manager's. */
    input: ByName.extend({ approval: Approval.optional() }).strict(),
    output: z.object({ password: z.string() }),
    access: 'account.manage',
    audited: true,
    sensitive: true,
  }),
  'account.unlock': procedure({ input: ByName, output: Ok, access: 'account.manage', audited: true, sensitive: true }),
  'account.close': procedure({ input: ByName, output: Ok, access: 'account.manage', audited: true, sensitive: true }),
  'account.role': procedure({
    /** `approval` is needed when the new role is auditor or general manager. */
    input: z.object({ username: Username, role: RoleSchema, reason: Reason, approval: Approval.optional() }).strict(),
    output: Ok,
    access: 'account.manage',
    audited: true,
    sensitive: true,
  }),
  /** Shown once after sign-in (the app's dialog, the CLI's login and passwd), until acknowledged. */
  'account.notices': procedure({
    input: Empty,
    output: AccountNotices,
    access: 'session',
    audited: false,
    beforePasswordChange: true,
  }),
  'account.noticesSeen': procedure({
    input: z.object({ through: z.number().int().nonnegative() }).strict(),
    output: Ok,
    access: 'session',
    audited: false,
    beforePasswordChange: true,
  }),
} as const;
