/** What a procedure's handler gets from the router, and the shape every domain's handlers take. */
import type { z } from 'zod';
import type { Contract, EventName, EventPayload, OutputOf, ProcedureName } from '../../../shared/contract';
import type { Session } from '../session/session';
import type { Workstation } from './workstation';

export interface CallContext {
  ws: Workstation;
  /** The signed-in session; the router guarantees it for non-public procedures. */
  session: Session | null;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

export type Handler<N extends ProcedureName> = (
  ctx: CallContext,
  input: z.output<Contract[N]['input']>,
) => Promise<OutputOf<N>>;

/** The handlers of one domain: exactly its procedures (those named `<domain>.…`). */
export type HandlersOf<Domain extends string> = {
  [N in ProcedureName as N extends `${Domain}.${string}` ? N : never]: Handler<N>;
};

export const OK = { ok: true as const };

/** The router checked the session before calling; this only asserts it. */
export function signedIn(ctx: CallContext): Session {
  if (!ctx.session) throw new Error('router let a call through without a session');
  return ctx.session;
}
