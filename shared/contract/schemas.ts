/** Data shapes that cross the IPC boundary (zod: one declaration gives types and runtime checks). */
import { z } from 'zod';
import { PERMISSIONS } from '../permissions';
import { ROLES } from '../roles';

export const Username = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[\p{L}\p{N}._-]+$/u, 'username');
export const Password = z.string().min(1).max(256);
export const Reason = z.string().trim().min(2).max(500);
export const SeatIdSchema = z.string().trim().min(1).max(32);
export const RoleSchema = z.enum(ROLES);
export const PermissionSchema = z.enum(PERMISSIONS);
export const PasswordClassSchema = z.enum(['letter', 'digit', 'upper', 'lower', 'symbol']);

export const SessionInfo = z.object({
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  seatId: z.string(),
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

export const VaultStatus = z.object({
  initialized: z.boolean(),
  dataDir: z.string(),
  vaultId: z.string().nullable(),
  seatId: z.string().nullable(),
});
export type VaultStatus = z.infer<typeof VaultStatus>;

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

export const SeatView = z.object({
  seatId: z.string(),
  label: z.string(),
  importStation: z.boolean(),
  firstSeenAt: z.number().int(),
  lastSeenAt: z.number().int(),
  accounts: z.array(z.string()),
});
export type SeatView = z.infer<typeof SeatView>;

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
});
export type PolicyView = z.infer<typeof PolicyView>;

export const MatrixView = z.record(RoleSchema, z.array(PermissionSchema));
export type MatrixView = z.infer<typeof MatrixView>;

export const AuditEventView = z.object({
  seq: z.number().int(),
  at: z.number().int(),
  actor: z.string().nullable(),
  seat: z.string().nullable(),
  action: z.string(),
  object: z.string().nullable(),
  outcome: z.enum(['ok', 'denied', 'failed']),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEventView = z.infer<typeof AuditEventView>;

export const AuditFilter = z.object({
  actor: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  /** Inclusive bounds in ms since the epoch (UTC). */
  from: z.number().int().optional(),
  to: z.number().int().optional(),
  /** Page backwards from this sequence number (exclusive). */
  beforeSeq: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export type AuditFilter = z.input<typeof AuditFilter>;

export const Anchor = z.object({
  format: z.literal('strongroom-anchor'),
  version: z.literal(1),
  vaultId: z.string(),
  seq: z.number().int().nonnegative(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.number().int(),
});
export type Anchor = z.infer<typeof Anchor>;

export const VerifyReport = z.object({
  intact: z.boolean(),
  checked: z.number().int(),
  headSeq: z.number().int(),
  headHash: z.string(),
  firstBrokenSeq: z.number().int().nullable(),
  anchor: z.enum(['none', 'matches', 'mismatch', 'behind', 'other-vault']),
});
export type VerifyReport = z.infer<typeof VerifyReport>;

export const LedgerView = z.object({
  date: z.string(),
  generatedAt: z.number().int(),
  generatedBy: z.string(),
  seat: z.string(),
  accounts: z.array(
    z.object({
      username: z.string(),
      displayName: z.string(),
      role: z.string(),
      state: z.string(),
      seats: z.array(z.string()),
      logins: z.number().int(),
      failedLogins: z.number().int(),
      firstLoginAt: z.number().int().nullable(),
      lastLoginAt: z.number().int().nullable(),
    }),
  ),
  changes: z.array(AuditEventView),
});
export type LedgerView = z.infer<typeof LedgerView>;
