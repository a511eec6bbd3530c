/** account.* procedures (账号管理). */
import { OK, signedIn, type HandlersOf } from '../api/call-context';
import { bind } from '../seats/seat-admin';
import {
  accountDetails,
  addAccount,
  changeRole,
  closeAccount,
  failureHistory,
  resetPassword,
  unlockAccount,
} from './account-admin';
import { acknowledgeNotices, noticesOf } from './account-notices';

export const accountHandlers: HandlersOf<'account'> = {
  'account.list': (ctx) => accountDetails(signedIn(ctx)),
  'account.failures': (ctx, input) => failureHistory(signedIn(ctx), input.username),
  'account.add': async (ctx, input) => {
    await addAccount(signedIn(ctx), input);
    if (input.seatId) await bind(signedIn(ctx), input.username, input.seatId);
    return OK;
  },
  'account.reset': async (ctx, input) => ({
    password: await resetPassword(signedIn(ctx), input.username, input.reason, input.approval),
  }),
  'account.unlock': async (ctx, input) => {
    await unlockAccount(signedIn(ctx), input.username, input.reason);
    return OK;
  },
  'account.close': async (ctx, input) => {
    await closeAccount(signedIn(ctx), input.username, input.reason);
    return OK;
  },
  'account.role': async (ctx, input) => {
    await changeRole(signedIn(ctx), input.username, input.role, input.reason, input.approval);
    return OK;
  },
  'account.notices': (ctx) => noticesOf(signedIn(ctx)),
  'account.noticesSeen': async (ctx, input) => {
    await acknowledgeNotices(signedIn(ctx), input.through);
    return OK;
  },
};
