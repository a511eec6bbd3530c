/** `passwd USER`: changes USER's own password; the way out of a one-time or expired password. */
import type { Command } from 'commander';
import { tellNotices } from '../approval';
import { CliContext, SECRET_PENDING, type CliIo } from '../context';

export function registerPasswd(program: Command, io: CliIo): void {
  program
    .command('passwd')
    .description("change USER's password (also when it is one-time or expired); prints a confirmation")
    .argument('<user>', 'username')
    .addHelpText(
      'after',
      '\nstdin (when not a terminal), one line each:\n  1. the current password of USER\n  2. the new password\n' +
        'On a terminal: asks for the current password, then the new one twice, without echo.\n' +
        'The new password must meet the policy, must not be common, contain the username or name,\n' +
        'be a simple pattern, be too close to the current one, or repeat a recent one (exit 7).\n' +
        'Then a "notice:" line for each thing others did to the account since its owner last looked.',
    )
    .action(async (user: string, _options: unknown, command: Command) => {
      const ctx = CliContext.of(command, io);
      ctx.check('session.login', { username: user, password: SECRET_PENDING });
      const current = await ctx.secrets.secret(`current password for ${user}`);
      const info = await ctx.call('session.login', { username: user, password: current });
      try {
        const next = await ctx.secrets.secret(`new password for ${info.username}`, { confirm: true });
        await ctx.call('session.changePassword', { current, next });
        await ctx.out.line(`password changed for ${info.username}`);
        // After a reset this is how its owner learns who reset it, and who approved.
        await tellNotices(ctx, info.username);
      } catch (err) {
        await ctx.call('session.logout', {}).catch(() => undefined);
        throw err;
      }
      await ctx.call('session.logout', {});
    });
}
