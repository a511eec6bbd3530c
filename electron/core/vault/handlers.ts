/** vault.* procedures. */
import type { OutputOf } from '../../../shared/contract';
import { signedIn, type CallContext, type HandlersOf } from '../api/call-context';
import { fail } from '../errors';
import { createVault } from './create-vault';
import { joinFloor } from './join-floor';
import { vaultStatus } from './vault-status';

async function status(ctx: CallContext): Promise<OutputOf<'vault.status'>> {
  const dataDir = await ctx.ws.dataDirs.get();
  const s = await vaultStatus(dataDir, ctx.ws.env);
  return { dataDir, ...s };
}

export const vaultHandlers: HandlersOf<'vault'> = {
  'vault.status': (ctx) => status(ctx),
  'vault.create': async (ctx, input) => {
    // First run only: never with someone signed in, never away from a vault already set up here.
    if (ctx.ws.session?.active || (await vaultStatus(await ctx.ws.dataDirs.get(), ctx.ws.env)).initialized)
      fail('NOT_PERMITTED', 'vault.alreadySetUp');
    await createVault(input.dataDir, input, ctx.ws.env);
    await ctx.ws.dataDirs.set(input.dataDir);
    return status(ctx);
  },
  'vault.joinFloor': async (ctx, input) => {
    // First run only, as vault.create; a directory that holds anything is joinFloor's to refuse.
    const current = await ctx.ws.dataDirs.get();
    if (ctx.ws.session?.active || (current !== input.dataDir && (await vaultStatus(current, ctx.ws.env)).initialized))
      fail('NOT_PERMITTED', 'vault.alreadySetUp');
    await joinFloor(input, ctx.ws.env);
    await ctx.ws.dataDirs.set(input.dataDir);
    return status(ctx);
  },
  'vault.rotateKey': async (ctx, input) => {
    const session = signedIn(ctx);
    await session.rotatingKey('requested', () => Promise.resolve([]), { note: input.reason });
    return { epoch: session.vault.keyringState().epoch };
  },
};
