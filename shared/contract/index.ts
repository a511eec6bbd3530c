/**
 * The IPC contract: every procedure the renderer may call, declared once. The router in the
 * main process is the only place that validates these schemas and checks `access`.
 */
import { z } from 'zod';
import { ERROR_CODES } from '../errors';
import type { Permission } from '../permissions';
import {
  AccountDetail,
  Anchor,
  AuditEventView,
  AuditFilter,
  LedgerView,
  MatrixView,
  Password,
  PermissionSchema,
  PolicyView,
  Reason,
  RoleSchema,
  SeatIdSchema,
  SeatView,
  SessionInfo,
  Username,
  VaultStatus,
  VerifyReport,
} from './schemas';

export * from './schemas';

/** Who may call: anyone (no session yet), any signed-in user, or holders of one permission. */
export type Access = 'public' | 'session' | Permission;

export interface Procedure<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  access: Access;
  /** Whether the router logs a refused or failed call (successes are logged by the core). */
  audited: boolean;
  /** Sensitive: the password must have been entered within the policy's re-auth window. */
  sensitive?: true;
  /** Allowed while the password must be changed (everything else is refused until then). */
  beforePasswordChange?: true;
}

function procedure<I extends z.ZodType, O extends z.ZodType>(p: Procedure<I, O>): Procedure<I, O> {
  return p;
}

const Empty = z.object({}).strict();
const Ok = z.object({ ok: z.literal(true) });
const ByName = z.object({ username: Username, reason: Reason }).strict();
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

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
      displayName: z.string().trim().max(64).optional(),
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
  'seat.list': procedure({ input: Empty, output: z.array(SeatView), access: 'seat.read', audited: false }),
  'seat.bind': procedure({
    input: z.object({ username: Username, seatId: SeatIdSchema }).strict(),
    output: Ok,
    access: 'seat.manage',
    audited: true,
    sensitive: true,
  }),
  'seat.unbind': procedure({
    input: z.object({ username: Username, seatId: SeatIdSchema }).strict(),
    output: Ok,
    access: 'seat.manage',
    audited: true,
    sensitive: true,
  }),
  'seat.flag': procedure({
    input: z.object({ seatId: SeatIdSchema, importStation: z.boolean() }).strict(),
    output: Ok,
    access: 'seat.manage',
    audited: true,
    sensitive: true,
  }),
  'role.matrix': procedure({ input: Empty, output: MatrixView, access: 'role.read', audited: false }),
  'role.set': procedure({
    input: z.object({ role: RoleSchema, permissions: z.array(PermissionSchema), reason: Reason }).strict(),
    output: MatrixView,
    access: 'role.manage',
    audited: true,
    sensitive: true,
  }),
  'policy.get': procedure({ input: Empty, output: PolicyView, access: 'policy.read', audited: false }),
  'policy.set': procedure({
    input: z.object({ changes: PolicyView.partial(), reason: Reason }).strict(),
    output: PolicyView,
    access: 'policy.manage',
    audited: true,
    sensitive: true,
  }),
  'ledger.daily': procedure({
    input: z.object({ date: Day }).strict(),
    output: LedgerView,
    access: 'ledger.read',
    audited: true,
  }),
  'ledger.export': procedure({
    input: z.object({ date: Day, format: z.enum(['csv', 'pdf']) }).strict(),
    output: z.object({ filename: z.string(), mime: z.string(), base64: z.string() }),
    access: 'ledger.read',
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

/** Events the main process pushes to the renderer (progress of long work, session ends). */
export const events = {
  'audit.verifyProgress': z.object({ done: z.number().int(), total: z.number().int() }),
  'session.ended': z.object({ reason: z.enum(['logout', 'locked', 'expired', 'closed', 'replaced']) }),
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
export { IPC_INVOKE_CHANNEL, IPC_EVENT_CHANNEL } from '../ipc-names';
