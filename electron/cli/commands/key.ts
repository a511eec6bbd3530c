/** `key rotate`: a new vault master key for every active account (IT, as --as). */
import type { Command } from 'commander';
import { CliContext, type CliIo } from '../context';

export function registerKey(program: Command, io: CliIo): void {
  const key = program.command('key').description('the vault master key');
  key
    .command('rotate')
    .description(
      'replace the vault master key: sealed anew to every active account, the database re-keyed ' +
        '(on a floor: names sealed anew); copies of the old key open nothing written since ' +
        '(closing an account does this too)',
    )
    .requiredOption('--reason <text>', 'why, for the access log')
    .addHelpText(
      'after',
      '\nstdin (when not a terminal), one line each:\n  1. the password of the --as account\n' +
        'On a station it takes about as long as copying vault.db twice. Every other signed-in ' +
        'session (on a floor: every seat) must sign in again.',
    )
    .action(async (options: { reason: string }, command: Command) => {
      const ctx = CliContext.of(command, io);
      const input = { reason: options.reason };
      ctx.check('vault.rotateKey', input);
      const { epoch } = await ctx.withSession(() => ctx.call('vault.rotateKey', input));
      await ctx.out.line(`vault key rotated: epoch ${epoch}`);
    });
}
