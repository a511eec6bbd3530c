/** board.* procedures. */
import { signedIn, type HandlersOf } from '../api/call-context';
import { leadBoard } from './lead-board';

export const boardHandlers: HandlersOf<'board'> = {
  'board.lead': (ctx) => leadBoard(signedIn(ctx)),
};
