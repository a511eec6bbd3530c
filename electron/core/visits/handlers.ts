/** visit.* procedures: requests and their decisions on cases in the caller's view (case-scope.ts). */
import { signedIn, type HandlersOf } from '../api/call-context';
import { caseScope } from '../cases/case-scope';
import { decideVisit, listVisits, reportVisit, requestVisit } from './field-visits';

export const visitHandlers: HandlersOf<'visit'> = {
  'visit.request': async (ctx, input) => {
    const session = signedIn(ctx);
    return requestVisit(session, await caseScope(session), input);
  },
  'visit.decide': async (ctx, input) => {
    const session = signedIn(ctx);
    return decideVisit(session, await caseScope(session), input);
  },
  'visit.report': (ctx, input) => reportVisit(signedIn(ctx), input),
  'visit.list': async (ctx, input) => {
    const session = signedIn(ctx);
    return listVisits(session, await caseScope(session), input.caseNo);
  },
};
