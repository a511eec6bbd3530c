/**
 * The router: the one place that validates input, checks session and permission, calls the
 * core and shapes the output. Electron's IPC binding and the browser harness both feed it.
 */
import { contract, type EventName, type EventPayload, type ProcedureName, type Result } from '../../../shared/contract';
import { toFailure } from '../errors';
import { handlers, type CallContext } from './handlers';
import type { Workstation } from './workstation';

export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface Router {
  call(name: string, input: unknown): Promise<Result<unknown>>;
}

function isProcedure(name: string): name is ProcedureName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

export function createRouter(ws: Workstation, emit: Emit): Router {
  return {
    async call(name, input) {
      if (!isProcedure(name)) return { ok: false, code: 'USAGE', key: 'ipc.unknownProcedure' };
      const proc = contract[name];
      const parsed = proc.input.safeParse(input ?? {});
      if (!parsed.success) return { ok: false, code: 'INPUT_REJECTED', key: 'ipc.invalidInput' };

      const session = ws.session?.active ? ws.session : null;
      if (proc.access !== 'public') {
        if (!session) return { ok: false, code: 'NO_SESSION', key: 'session.none' };
        if (proc.access !== 'session' && !session.can(proc.access)) {
          try {
            await session.logAttempt(name, 'denied', { permission: proc.access });
          } catch {
            /* the refusal stands even if it could not be logged */
          }
          return { ok: false, code: 'NOT_PERMITTED', key: 'permission.denied' };
        }
      }

      const ctx: CallContext = { ws, session, emit };
      try {
        const handler = handlers[name] as (c: CallContext, i: unknown) => Promise<unknown>;
        const value: unknown = await handler(ctx, parsed.data);
        const out = proc.output.safeParse(value);
        if (!out.success) return { ok: false, code: 'INTERNAL', key: 'internal' };
        return { ok: true, value: out.data };
      } catch (err) {
        const failure = toFailure(err);
        if (proc.audited && session?.active && failure.code !== 'NOT_PERMITTED') {
          await session.logAttempt(name, 'failed', { code: failure.code, reason: failure.key }).catch(() => undefined);
        }
        return { ok: false, ...failure };
      }
    },
  };
}
