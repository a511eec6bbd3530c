/**
 * The router: the one place that validates input, checks session, password state, recent
 * authentication and permission, calls the core and shapes the output. Electron's IPC binding,
 * the CLI and the browser harness all feed it.
 */
import {
  contract,
  isProcedure,
  parseInput,
  type EventName,
  type EventPayload,
  type Result,
} from '../../../shared/contract';
import { toFailure, VaultError } from '../errors';
import type { CallContext } from './call-context';
import { handlers } from './handlers';
import type { Workstation } from './workstation';

export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface Router {
  call(name: string, input: unknown): Promise<Result<unknown>>;
}

export function createRouter(ws: Workstation, emit: Emit): Router {
  return {
    async call(name, input) {
      if (!isProcedure(name)) return { ok: false, code: 'USAGE', key: 'ipc.unknownProcedure' };
      const proc = contract[name];
      const parsed = parseInput(name, input);
      if (!parsed.ok) return { ok: false, ...parsed.failure };

      let session = ws.session?.active ? ws.session : null;
      if (proc.access !== 'public') {
        if (!session) return { ok: false, code: 'NO_SESSION', key: 'session.none' };
        try {
          // Re-reads the account: closing it, changing its role or seat applies now.
          await session.refresh();
        } catch (err) {
          const failure = toFailure(err);
          if (!session.active) {
            ws.session = null;
            const reason = session.endReason === 'expired' ? 'expired' : 'closed';
            emit('session.ended', { reason });
          }
          return { ok: false, ...failure };
        }
        if (session.passwordChange && !('beforePasswordChange' in proc))
          return { ok: false, code: 'PASSWORD_EXPIRED', key: 'password.mustChange' };
        if (proc.access !== 'session' && !session.can(proc.access)) {
          await session.logAttempt(name, 'denied', { permission: proc.access }).catch(() => undefined);
          return { ok: false, code: 'NOT_PERMITTED', key: 'permission.denied' };
        }
        if ('sensitive' in proc) {
          try {
            session.requireRecentAuth();
          } catch (err) {
            if (err instanceof VaultError) return { ok: false, ...err.toFailure() };
            throw err;
          }
        }
      }

      const ctx: CallContext = { ws, session, emit };
      try {
        const handler = handlers[name] as (c: CallContext, i: unknown) => Promise<unknown>;
        const value: unknown = await handler(ctx, parsed.value);
        const out = proc.output.safeParse(value);
        if (!out.success) return { ok: false, code: 'INTERNAL', key: 'internal' };
        return { ok: true, value: out.data };
      } catch (err) {
        const failure = toFailure(err);
        session = ctx.session;
        if (session && !session.active && ws.session === session) {
          // The call ended the session (e.g. a lockout during re-authentication).
          ws.session = null;
          emit('session.ended', { reason: 'locked' });
        }
        if (proc.audited && session?.active && failure.code !== 'NOT_PERMITTED') {
          await session.logAttempt(name, 'failed', { code: failure.code, reason: failure.key }).catch(() => undefined);
        }
        return { ok: false, ...failure };
      }
    },
  };
}
