/** case.* procedures: each decides what the caller may see through case-scope.ts first. */
import { signedIn, type HandlersOf } from '../api/call-context';
import { assignCases } from './case-assign';
import { countVisible, listCases } from './case-list';
import { extendFirstContact } from './case-first-contact';
import { casePage } from './case-page';
import { listBatches } from './case-repository';
import { copyField, revealField } from './case-reveal';
import { caseScope } from './case-scope';

export const caseHandlers: HandlersOf<'case'> = {
  'case.count': async (ctx, input) => {
    const session = signedIn(ctx);
    return { count: await countVisible(session, await caseScope(session), input.batchId) };
  },
  // Batch numbers, sizes and amounts, no case data: what assigning and filtering need.
  'case.batches': async (ctx) => (await listBatches(signedIn(ctx).vault.db)).map(({ seatId: _seat, ...b }) => b),
  'case.list': async (ctx, input) => {
    const session = signedIn(ctx);
    return listCases(session, await caseScope(session), input);
  },
  'case.get': async (ctx, input) => {
    const session = signedIn(ctx);
    return casePage(session, await caseScope(session), input.caseNo);
  },
  'case.reveal': async (ctx, input) => {
    const session = signedIn(ctx);
    return revealField(session, await caseScope(session), input);
  },
  'case.copy': async (ctx, input) => {
    const session = signedIn(ctx);
    return copyField(session, await caseScope(session), input, ctx.ws.options.copyToClipboard);
  },
  'case.extendFirstContact': async (ctx, input) => {
    const session = signedIn(ctx);
    return extendFirstContact(session, await caseScope(session), input);
  },
  'case.assign': async (ctx, input) => {
    const session = signedIn(ctx);
    return assignCases(session, await caseScope(session), input);
  },
};
