/** One handler per procedure in the contract; the type makes a missing one a build error. */
import type { z } from 'zod';
import type { Contract, EventName, EventPayload, OutputOf, ProcedureName } from '../../../shared/contract';
import type { Session } from '../session';
import { createVault, login, vaultStatus } from '../vault';
import type { Workstation } from './workstation';

export interface CallContext {
  ws: Workstation;
  /** The signed-in session; the router guarantees it for non-public procedures. */
  session: Session | null;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

export type Handlers = {
  [N in ProcedureName]: (ctx: CallContext, input: z.output<Contract[N]['input']>) => Promise<OutputOf<N>>;
};

function signedIn(ctx: CallContext): Session {
  if (!ctx.session) throw new Error('router let a call through without a session');
  return ctx.session;
}

async function status(ctx: CallContext): Promise<OutputOf<'vault.status'>> {
  const dataDir = await ctx.ws.dataDirs.get();
  const s = await vaultStatus(dataDir, ctx.ws.env);
  return { initialized: s.initialized, dataDir, vaultId: s.vaultId, seatId: s.seatId };
}

export const handlers: Handlers = {
  'vault.status': (ctx) => status(ctx),
  'vault.create': async (ctx, input) => {
    await createVault(input.dataDir, input, ctx.ws.env);
    await ctx.ws.dataDirs.set(input.dataDir);
    return status(ctx);
  },
  'session.login': async (ctx, input) => {
    const dataDir = await ctx.ws.dataDirs.get();
    // Another user signing in ends the first session (security-model.md).
    await ctx.ws.endSession('logout');
    const session = await login(dataDir, input.username, input.password, ctx.ws.env);
    ctx.ws.session = session;
    return session.info();
  },
  'session.current': (ctx) => Promise.resolve(ctx.session?.active ? ctx.session.info() : null),
  'session.logout': async (ctx) => {
    await ctx.ws.endSession('logout');
    ctx.emit('session.ended', { reason: 'logout' });
    return { ok: true as const };
  },
  'account.list': (ctx) => signedIn(ctx).listAccounts(),
  'account.add': (ctx, input) => signedIn(ctx).addAccount(input),
  'audit.list': (ctx, input) => signedIn(ctx).listAudit(input),
  'audit.verify': (ctx, input) =>
    signedIn(ctx).verifyAudit({
      anchor: input.anchor,
      onProgress: (done, total) => ctx.emit('audit.verifyProgress', { done, total }),
    }),
  'audit.anchor': (ctx) => signedIn(ctx).exportAnchor(),
};
