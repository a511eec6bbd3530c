/** seat.* procedures (专机专用). */
import { OK, signedIn, type HandlersOf } from '../api/call-context';
import { bind, flag, seats, unbind } from './seat-admin';

export const seatHandlers: HandlersOf<'seat'> = {
  'seat.list': (ctx) => seats(signedIn(ctx)),
  'seat.bind': async (ctx, input) => {
    await bind(signedIn(ctx), input.username, input.seatId);
    return OK;
  },
  'seat.unbind': async (ctx, input) => {
    await unbind(signedIn(ctx), input.username, input.seatId);
    return OK;
  },
  'seat.flag': async (ctx, input) => {
    await flag(signedIn(ctx), input.seatId, input.importStation);
    return OK;
  },
};
