/** 账号管理 — accounts: list, failure history, add, reset, unlock, close, change role. */
import { z } from 'zod';
import { AuditEventView } from './audit';
import { DisplayName, Empty, Ok, Password, Reason, RoleSchema, SeatIdSchema, Username } from './fields';
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
    }),
    output: Ok,
    access: 'account.manage',
    audited: true,
    sensitive: true,
  }),
  'account.reset': procedure({
    input: ByName,
    output: z.object({ password: z.string() }),
    access: 'account.manage',
    audited: true,
    sensitive: true,
  }),
  'account.unlock': procedure({ input: ByName, output: Ok, access: 'account.manage', audited: true, sensitive: true }),
  'account.close': procedure({ input: ByName, output: Ok, access: 'account.manage', audited: true, sensitive: true }),
  'account.role': procedure({
    input: z.object({ username: Username, role: RoleSchema, reason: Reason }).strict(),
    output: Ok,
    access: 'account.manage',
    audited: true,
    sensitive: true,
  }),
} as const;
