/**
 * The IPC contract: every procedure the renderer, the CLI and the harness may call, declared
 * once, by domain. The router is the only place that validates these schemas and checks `access`.
 */
import { z } from 'zod';
import { ERROR_CODES, type Failure } from '../errors';
import { accountProcedures } from './accounts';
import { roleProcedures } from './access';
import { auditProcedures } from './audit';
import { caseProcedures, teamProcedures } from './cases';
import { conductProcedures } from './conduct';
import { visitProcedures } from './visits';
import { boardProcedures } from './board';
import { importProcedures } from './imports';
import { ledgerProcedures } from './ledger';
import { policyProcedures } from './policy';
import { seatProcedures } from './seats';
import { sessionProcedures } from './session';
import { vaultProcedures } from './vault';

export * from './access';
export * from './accounts';
export * from './audit';
export * from './cases';
export * from './conduct';
export * from './visits';
export * from './board';
export * from './fields';
export * from './imports';
export * from './ledger';
export * from './policy';
export * from './procedure';
export * from './seats';
export * from './session';
export * from './vault';

export const contract = {
  ...vaultProcedures,
  ...sessionProcedures,
  ...accountProcedures,
  ...seatProcedures,
  ...roleProcedures,
  ...policyProcedures,
  ...ledgerProcedures,
  ...auditProcedures,
  ...importProcedures,
  ...caseProcedures,
  ...teamProcedures,
  ...conductProcedures,
  ...visitProcedures,
  ...boardProcedures,
} as const;

export type Contract = typeof contract;
export type ProcedureName = keyof Contract;
export type InputOf<N extends ProcedureName> = z.input<Contract[N]['input']>;
export type OutputOf<N extends ProcedureName> = z.output<Contract[N]['output']>;

export function isProcedure(name: string): name is ProcedureName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** A field's own failure key (set in fields.ts) when it has one; the generic one otherwise. */
const FAILURE_KEY = /^[a-z][a-zA-Z]*\.[a-zA-Z.]+$/;

/**
 * Validates a procedure's input against the contract: the router does it for every call, and
 * the CLI does it before asking for a password, so a typo costs no sign-in. Never echoes a value.
 */
export function parseInput<N extends ProcedureName>(
  name: N,
  input: unknown,
): { ok: true; value: z.output<Contract[N]['input']> } | { ok: false; failure: Failure } {
  const parsed = contract[name].input.safeParse(input ?? {});
  if (parsed.success) return { ok: true, value: parsed.data as z.output<Contract[N]['input']> };
  const issue = parsed.error.issues[0];
  const key = issue && FAILURE_KEY.test(issue.message) ? issue.message : 'ipc.invalidInput';
  return { ok: false, failure: { code: 'INPUT_REJECTED', key, params: { field: issue?.path.join('.') ?? '' } } };
}

/** Events the main process pushes to the renderer (progress of long work, session ends). */
export const events = {
  'audit.verifyProgress': z.object({ done: z.number().int(), total: z.number().int() }),
  'import.progress': z.object({
    ceremonyId: z.string(),
    phase: z.enum(['hashing', 'checking', 'committing']),
    done: z.number().int(),
    total: z.number().int(),
  }),
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
