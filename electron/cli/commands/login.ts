/** `login USER`: checks a password (the sign-in and the logout are both access-logged). */
import type { Command } from 'commander';
import { login } from '../../core/vault';
import { CliContext, type CliIo } from '../context';

export function registerLogin(program: Command, io: CliIo): void {
  program
    .command('login')
    .description('check that USER can sign in with a password; prints "ok"')
    .argument('<user>', 'username')
    .addHelpText('after', '\nstdin (when not a terminal), one line each:\n  1. the password of USER')
    .action(async (user: string, _options: unknown, command: Command) => {
      const ctx = CliContext.of(command, io);
      const dataDir = ctx.dataDir;
      const password = await ctx.secrets.secret(`password for ${user}`);
      const session = await login(dataDir, user, password, io.env);
      await session.logout();
      await ctx.out.line('ok');
    });
}
