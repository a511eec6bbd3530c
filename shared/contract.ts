/**
 * The IPC contract: every procedure the renderer may call, declared once. The router in the
 * main process is the only place that validates these schemas and checks `access`.
 */
import { z } from 'zod';
import { PERMISSIONS, type Permission } from './permissions';
import { ROLES } from './roles';
import { ERROR_CODES } from './errors';

/** Who may call: anyone (no session yet), any signed-in user, or holders of one permission. */
export type Access = 'public' | 'session' | Permission;

export interface Procedure<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  access: Access;
  /** Whether the router writes an access-log event for every call (ok, denied or failed). */
  audited: boolean;
}

function procedure<I extends z.ZodType, O extends z.ZodType>(p: Procedure<I, O>): Procedure<I, O> {
  return p;
}

export const Username = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[\p{L}\p{N}._-]+$/u, 'username');
export const Password = z.string().min(1).max(256);
export const RoleSchema = z.enum(ROLES);
export const PermissionSchema = z.enum(PERMISSIONS);

export const SessionInfo = z.object({
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  seatId: z.string(),
  permissions: z.array(PermissionSchema),
  startedAt: z.number().int(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const VaultStatus = z.object({
  initialized: z.boolean(),
  dataDir: z.string(),
  vaultId: z.string().nullable(),
  seatId: z.string().nullable(),
});
export type VaultStatus = z.infer<typeof VaultStatus>;

export const AccountSummary = z.object({
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  state: z.enum(['active', 'closed']),
  createdAt: z.number().int(),
});
export type AccountSummary = z.infer<typeof AccountSummary>;

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

const Empty = z.object({}).strict();
const Ok = z.object({ ok: z.literal(true) });

export const contract = {
  'vault.status': procedure({ input: Empty, output: VaultStatus, access: 'public', audited: false }),
  'vault.create': procedure({
    input: z.object({
      dataDir: z.string().min(1).max(1024),
      username: Username,
      displayName: z.string().trim().max(64).optional(),
      password: Password,
    }),
    output: VaultStatus,
    access: 'public',
    audited: false, // the vault writes its own genesis event ("vault.created")
  }),
  'session.login': procedure({
    input: z.object({ username: z.string().max(64), password: Password }),
    output: SessionInfo,
    access: 'public',
    audited: false, // the core logs login.ok / login.failed itself, including before unlock
  }),
  'session.current': procedure({
    input: Empty,
    output: SessionInfo.nullable(),
    access: 'public',
    audited: false,
  }),
  'session.logout': procedure({ input: Empty, output: Ok, access: 'session', audited: false }),
  'account.list': procedure({
    input: Empty,
    output: z.array(AccountSummary),
    access: 'account.read',
    audited: false,
  }),
  'account.add': procedure({
    input: z.object({
      username: Username,
      displayName: z.string().trim().max(64).optional(),
      role: RoleSchema,
      password: Password,
    }),
    output: AccountSummary,
    access: 'account.manage',
    audited: true,
  }),
  'audit.list': procedure({
    input: AuditFilter,
    output: z.object({ events: z.array(AuditEventView), total: z.number().int() }),
    access: 'audit.read',
    audited: false,
  }),
  'audit.verify': procedure({
    input: z.object({ anchor: Anchor.optional() }).strict(),
    output: VerifyReport,
    access: 'audit.verify',
    audited: true,
  }),
  'audit.anchor': procedure({ input: Empty, output: Anchor, access: 'audit.anchor', audited: true }),
} as const;

export type Contract = typeof contract;
export type ProcedureName = keyof Contract;
export type InputOf<N extends ProcedureName> = z.input<Contract[N]['input']>;
export type OutputOf<N extends ProcedureName> = z.output<Contract[N]['output']>;

/** Events the main process pushes to the renderer (progress of long work, locks). */
export const events = {
  'audit.verifyProgress': z.object({ done: z.number().int(), total: z.number().int() }),
  'session.ended': z.object({ reason: z.enum(['logout', 'locked', 'expired']) }),
} as const;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const FailureSchema = z.object({
  code: z.enum(ERROR_CODES),
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

export type Result<T> = { ok: true; value: T } | ({ ok: false } & z.infer<typeof FailureSchema>);

/** The object the preload exposes as `window.strongroom`. */
export interface StrongroomBridge {
  invoke<N extends ProcedureName>(name: N, input: InputOf<N>): Promise<Result<OutputOf<N>>>;
  subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

// Declared in the zod-free ipc-names.ts so the sandboxed preload can bundle them alone.
export { IPC_INVOKE_CHANNEL, IPC_EVENT_CHANNEL } from './ipc-names';
