/** One handler per procedure in the contract; the type makes a missing one a build error. */
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import type { Contract, EventName, EventPayload, OutputOf, ProcedureName } from '../../../shared/contract';
import * as accounts from '../accounts/account-admin';
import * as audit from '../audit/audit-service';
import * as seats from '../seats/seat-admin';
import * as settings from '../policy/policy-admin';
import { dailyLedger } from '../ledger/daily-ledger';
import { ledgerCsv } from '../ledger/ledger-csv';
import { ledgerPdf } from '../ledger/ledger-pdf';
import type { Session } from '../session/session';
import { createVault } from '../vault/create-vault';
import { login } from '../session/unlock';
import { vaultStatus } from '../vault/vault-status';
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

const OK = { ok: true as const };

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
    if (ctx.ws.session) {
      await ctx.ws.endSession('replaced');
      ctx.emit('session.ended', { reason: 'replaced' });
    }
    const session = await login(dataDir, input.username, input.password, ctx.ws.env);
    ctx.ws.begin(session);
    return session.info();
  },
  'session.current': (ctx) => Promise.resolve(ctx.session?.active ? ctx.session.info() : null),
  'session.logout': async (ctx) => {
    await ctx.ws.endSession('logout');
    ctx.emit('session.ended', { reason: 'logout' });
    return OK;
  },
  'session.changePassword': async (ctx, input) => {
    await signedIn(ctx).changePassword(input.current, input.next);
    return signedIn(ctx).info();
  },
  'session.reauth': async (ctx, input) => {
    await signedIn(ctx).reauthenticate(input.password);
    return OK;
  },
  'session.activity': (ctx) => {
    ctx.ws.touch();
    return Promise.resolve(OK);
  },
  'session.lock': async (ctx) => {
    await ctx.ws.endSession('locked');
    ctx.emit('session.ended', { reason: 'locked' });
    return OK;
  },
  'account.list': (ctx) => accounts.listAccountDetails(signedIn(ctx)),
  'account.failures': (ctx, input) => accounts.failureHistory(signedIn(ctx), input.username),
  'account.add': async (ctx, input) => {
    // A bad seat is refused before the account exists, not after.
    if (input.seatId) seats.parseSeatId(input.seatId);
    await accounts.addAccount(signedIn(ctx), input);
    if (input.seatId) await seats.bind(signedIn(ctx), input.username, input.seatId);
    return OK;
  },
  'account.reset': async (ctx, input) => ({
    password: await accounts.resetPassword(signedIn(ctx), input.username, input.reason),
  }),
  'account.unlock': async (ctx, input) => (
    await accounts.unlockAccount(signedIn(ctx), input.username, input.reason),
    OK
  ),
  'account.close': async (ctx, input) => (await accounts.closeAccount(signedIn(ctx), input.username, input.reason), OK),
  'account.role': async (ctx, input) => (
    await accounts.changeRole(signedIn(ctx), input.username, input.role, input.reason),
    OK
  ),
  'seat.list': (ctx) => seats.seats(signedIn(ctx)),
  'seat.bind': async (ctx, input) => (await seats.bind(signedIn(ctx), input.username, input.seatId), OK),
  'seat.unbind': async (ctx, input) => (await seats.unbind(signedIn(ctx), input.username, input.seatId), OK),
  'seat.flag': async (ctx, input) => (await seats.flag(signedIn(ctx), input.seatId, input.importStation), OK),
  'role.matrix': (ctx) => settings.matrix(signedIn(ctx)),
  'role.set': (ctx, input) =>
    settings.changeRolePermissions(signedIn(ctx), input.role, input.permissions, input.reason),
  'policy.get': (ctx) => settings.policy(signedIn(ctx)),
  'policy.set': (ctx, input) => settings.changePolicy(signedIn(ctx), input.changes, input.reason),
  'ledger.daily': (ctx, input) => dailyLedger(signedIn(ctx), input.date),
  'ledger.export': async (ctx, input) => {
    const ledger = await dailyLedger(signedIn(ctx), input.date);
    const filename = `account-ledger-${input.date}.${input.format}`;
    if (input.format === 'csv')
      return { filename, mime: 'text/csv', base64: Buffer.from(ledgerCsv(ledger), 'utf8').toString('base64') };
    const pdf = await ledgerPdf(ledger, await readFile(ctx.ws.options.fontPath));
    return { filename, mime: 'application/pdf', base64: Buffer.from(pdf).toString('base64') };
  },
  'audit.list': (ctx, input) => audit.listAudit(signedIn(ctx), input),
  'audit.verify': (ctx, input) =>
    audit.verifyAudit(signedIn(ctx), {
      anchor: input.anchor,
      onProgress: (done, total) => ctx.emit('audit.verifyProgress', { done, total }),
    }),
  'audit.anchor': (ctx) => audit.exportAnchor(signedIn(ctx)),
};
