/** `init`: creates a vault in --data-dir with its first IT account and prints the vault id. */
import type { Command } from 'commander';
import { VaultError } from '../../core/errors';
import { CliContext, SECRET_PENDING, type CliIo } from '../context';

export function registerInit(program: Command, io: CliIo): void {
  program
    .command('init')
    .description('create a new vault and its first IT account; prints the vault id')
    .option('--admin <name>', 'username of the first IT account (required when stdin is not a terminal)')
    .option('--display-name <name>', 'display name of the first IT account')
    .addHelpText(
      'after',
      '\nstdin (when not a terminal), one line each:\n  1. the password of the --admin account\n' +
        'On a terminal: asks for the username if --admin is missing, then the password twice, without echo.',
    )
    .action(async (options: { admin?: string; displayName?: string }, command: Command) => {
      const ctx = CliContext.of(command, io);
      const dataDir = ctx.dataDir;
      if (options.admin === undefined && !ctx.secrets.interactive) throw new VaultError('USAGE', 'usage.admin');
      const username = options.admin ?? (await ctx.secrets.ask('username of the first IT account'));
      const input = { dataDir, username, displayName: options.displayName };
      ctx.check('vault.create', { ...input, password: SECRET_PENDING });
      // Say "exists" before asking for a password that could not be used.
      if ((await ctx.call('vault.status', {})).initialized) throw new VaultError('INPUT_REJECTED', 'vault.exists');
      const password = await ctx.secrets.secret(`password for ${username.trim()}`, { confirm: true });
      const status = await ctx.call('vault.create', { ...input, password });
      await ctx.out.line(status.vaultId ?? '');
    });
}
