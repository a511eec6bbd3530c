/** session.* procedures: sign in and out, re-authenticate, change the password, idle reports. */
import { OK, signedIn, type HandlersOf } from '../api/call-context';
import { login } from './unlock';

export const sessionHandlers: HandlersOf<'session'> = {
  'session.login': (ctx, input) =>
    ctx.ws.exclusive(async () => {
      const dataDir = await ctx.ws.dataDirs.get();
      // Another user signing in ends the first session (security-model.md).
      if (ctx.ws.session) {
        await ctx.ws.endSession('replaced');
        ctx.emit('session.ended', { reason: 'replaced' });
      }
      const session = await login(dataDir, input.username, input.password, ctx.ws.env);
      ctx.ws.begin(session);
      return session.info();
    }),
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
};
