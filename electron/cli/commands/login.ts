/** `login USER`: checks a password (sign-in and logout both access-logged) and tells the owner's notices. */
import type { Command } from 'commander';
import { normaliseUsername } from '../../core/keyring/keyring';
import { tellNotices } from '../approval';
import { CliContext, SECRET_PENDING, type CliIo } from '../context';

export function registerLogin(program: Command, io: CliIo): void {
  program
    .command('login')
    .description('check that USER can sign in with a password on this seat; prints "ok", then any notices')
    .argument('<user>', 'username')
    .addHelpText(
      'after',
      '\nstdin (when not a terminal), one line each:\n  1. the password of USER\n' +
        'Exits 5 when the password is one-time or expired (change it with "strongroom passwd USER"),\n' +
        '4 when the account is locked out, 6 when it is not bound to this seat, 3 on wrong credentials.\n' +
        'After "ok", one "notice:" line for each thing others did to the account, or in its name, since\n' +
        'its owner last looked (a reset, an unlock, a role or seat change, failed sign-ins, approvals).',
    )
    .action(async (user: string, _options: unknown, command: Command) => {
      const ctx = CliContext.of(command, io);
      ctx.check('session.login', { username: user, password: SECRET_PENDING });
      const password = await ctx.secrets.secret(`password for ${user}`);
      await ctx.signIn(user, password);
      try {
        await ctx.out.line('ok');
        // What others did to the account since its owner last looked (a reset, an unlock, …).
        await tellNotices(ctx, normaliseUsername(user));
      } catch (err) {
        await ctx.call('session.logout', {}).catch(() => undefined);
        throw err;
      }
      await ctx.call('session.logout', {});
    });
}
