/** case.* procedures: what each role may know of the cases (the workspace adds the rest). */
import { signedIn, type HandlersOf } from '../api/call-context';
import { countCases, listBatches } from './case-repository';

export const caseHandlers: HandlersOf<'case'> = {
  // Who sees all cases counts them all; assignment (the agent's workspace) will give others theirs.
  'case.count': async (ctx, input) => {
    const session = signedIn(ctx);
    return { count: session.can('case.readAll') ? await countCases(session.vault.db, input.batchId) : 0 };
  },
  'case.batches': async (ctx) => (await listBatches(signedIn(ctx).vault.db)).map(({ seatId: _seat, ...b }) => b),
};
