/** `login USER`: checks a password (the sign-in and the logout are both access-logged). */
import type { Command } from 'commander';
import { login } from '../../core/session/unlock';
import { CliContext, passwordChangeDue, type CliIo } from '../context';

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
      const dataDir = ctx.dataDir;
      const password = await ctx.secrets.secret(`password for ${user}`);
      const session = await login(dataDir, user, password, io.env);
      const due = session.passwordChange;
      await session.logout();
      if (due) throw passwordChangeDue(session.account.username, due);
      await ctx.out.line('ok');
    });
}
