/** `user add` and `user list`: account administration as --as. */
import { Command } from 'commander';
import { ROLES } from '../../../shared/roles';
import { addAccount, listAccountDetails } from '../../core/admin/accounts';
import { CliContext, displayName, newUsername, roleNamed, type CliIo } from '../context';
import { isoTime, table } from '../output';

export function registerUser(program: Command, io: CliIo): void {
  const user = program.command('user').description('manage accounts (needs --as)');

  user
    .command('add')
    .description('add an account; its password is one-time (must be changed at first sign-in)')
    .argument('<name>', 'username of the new account')
    .requiredOption('--role <role>', `one of: ${ROLES.join(', ')}`)
    .option('--display-name <name>', 'display name (defaults to the username)')
    .option('--json', 'print the new account as JSON')
    .addHelpText(
      'after',
      '\nstdin (when not a terminal), one line each:\n  1. the password of the --as account\n  2. the initial password of the new account',
    )
    .action(async (name: string, options: { role: string; displayName?: string; json?: boolean }, command: Command) => {
      const ctx = CliContext.of(command, io);
      const username = newUsername(name);
      const role = roleNamed(options.role);
      const shown = displayName(options.displayName);
      await ctx.withSession(async (session) => {
        const password = await ctx.secrets.secret(`initial password for ${username}`, { confirm: true });
        await addAccount(session, { username, displayName: shown, role, password });
      });
      const added = { username: username.toLowerCase(), displayName: shown ?? username.toLowerCase(), role };
      if (options.json) await ctx.out.json(added);
      else await ctx.out.line(`added ${added.username} (${added.role})`);
    });

  user
    .command('list')
    .description('list accounts')
    .option('--json', 'print a JSON array')
    .addHelpText('after', '\nstdin (when not a terminal), one line each:\n  1. the password of the --as account')
    .action(async (options: { json?: boolean }, command: Command) => {
      const ctx = CliContext.of(command, io);
      const accounts = await ctx.withSession((session) => listAccountDetails(session));
      if (options.json) {
        await ctx.out.json(accounts);
        return;
      }
      const rows = accounts.map((a) => [a.username, a.role, a.state, isoTime(a.createdAt), a.displayName]);
      await ctx.out.line(table(['USERNAME', 'ROLE', 'STATE', 'CREATED (UTC)', 'DISPLAY NAME'], rows));
    });
}
