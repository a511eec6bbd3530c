/** complaint.* procedures: on cases in the caller's view (case-scope.ts). */
import { signedIn, type HandlersOf } from '../api/call-context';
import { caseScope } from '../cases/case-scope';
import { bankNotified, clearComplaints, complaintRegister, raiseComplaint } from './complaint-register';

export const complaintHandlers: HandlersOf<'complaint'> = {
  'complaint.raise': async (ctx, input) => {
    const session = signedIn(ctx);
    return raiseComplaint(session, await caseScope(session), input);
  },
  'complaint.clear': async (ctx, input) => {
    const session = signedIn(ctx);
    return clearComplaints(session, await caseScope(session), input);
  },
  'complaint.notifyBank': async (ctx, input) => {
    const session = signedIn(ctx);
    return bankNotified(session, await caseScope(session), input.caseNo);
  },
  'complaint.list': async (ctx, input) => {
    const session = signedIn(ctx);
    return complaintRegister(session, await caseScope(session), input);
  },
};
