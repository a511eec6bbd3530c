/** `login USER`: checks a password (the sign-in and the logout are both access-logged). */
import type { Command } from 'commander';
import { CliContext, SECRET_PENDING, type CliIo } from '../context';

export function registerLogin(program: Command, io: CliIo): void {
  program
    .command('login')
    .description('check that USER can sign in with a password on this seat; prints "ok"')
    .argument('<user>', 'username')
    .addHelpText(
      'after',
      '\nstdin (when not a terminal), one line each:\n  1. the password of USER\n' +
        'Exits 5 when the password is one-time or expired (change it with "strongroom passwd USER"),\n' +
        '4 when the account is locked out, 6 when it is not bound to this seat, 3 on wrong credentials.',
    )
    .action(async (user: string, _options: unknown, command: Command) => {
      const ctx = CliContext.of(command, io);
      ctx.check('session.login', { username: user, password: SECRET_PENDING });
      const password = await ctx.secrets.secret(`password for ${user}`);
      await ctx.signIn(user, password);
      await ctx.call('session.logout', {});
      await ctx.out.line('ok');
    });
}
