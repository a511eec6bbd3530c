/** contact.* and payment.* procedures: each decides what the caller may see through case-scope.ts first. */
import { signedIn, type HandlersOf } from '../api/call-context';
import { caseScope } from '../cases/case-scope';
import { checkCalls, startCall } from './call-start';
import { contactHistory } from './contact-history';
import { recordContact } from './contact-record';
import { outcomeLabels, setOutcomeLabel } from './outcome-labels';
import { overrideRule } from './overrides';
import { recordPayment } from './promises';

export const contactHandlers: HandlersOf<'contact'> = {
  'contact.check': async (ctx, input) => {
    const session = signedIn(ctx);
    return checkCalls(session, await caseScope(session), input.caseNo);
  },
  'contact.start': async (ctx, input) => {
    const session = signedIn(ctx);
    return startCall(session, await caseScope(session), input, ctx.ws.options.dial);
  },
  'contact.record': async (ctx, input) => {
    const session = signedIn(ctx);
    return recordContact(session, await caseScope(session), input);
  },
  'contact.outcomes': (ctx) => outcomeLabels(signedIn(ctx).vault.db),
  'contact.setOutcome': (ctx, input) => setOutcomeLabel(signedIn(ctx), input),
  'contact.history': async (ctx, input) => {
    const session = signedIn(ctx);
    return contactHistory(session, await caseScope(session), input.caseNo);
  },
  'contact.override': async (ctx, input) => {
    const session = signedIn(ctx);
    return overrideRule(session, await caseScope(session), input);
  },
};

export const paymentHandlers: HandlersOf<'payment'> = {
  'payment.record': async (ctx, input) => {
    const session = signedIn(ctx);
    return recordPayment(session, await caseScope(session), input);
  },
};
