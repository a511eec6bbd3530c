/** `status`: what the vault is, without a password (no names, no secrets). */
import type { Command } from 'commander';
import { CliContext, type CliIo } from '../context';

export function registerStatus(program: Command, io: CliIo): void {
  program
    .command('status')
    .description('show whether --data-dir holds a vault, its id, schema version and account count')
    .option('--json', 'print one JSON object')
    .addHelpText('after', '\nstdin: not read.')
    .action(async (options: { json?: boolean }, command: Command) => {
      const ctx = CliContext.of(command, io);
      const s = await ctx.call('vault.status', {});
      if (options.json) {
        const { initialized, dataDir, vaultId, schemaVersion, accounts, seatId } = s;
        await ctx.out.json({ initialized, dataDir, vaultId, schemaVersion, accounts, seatId });
        return;
      }
      if (!s.initialized) {
        await ctx.out.line(`no vault in ${s.dataDir}`);
        return;
      }
      await ctx.out.line(
        [
          `vault ${s.vaultId ?? ''}`,
          `data directory ${s.dataDir}`,
          `schema version ${s.schemaVersion ?? ''}`,
          `accounts ${s.accounts ?? ''}`,
          `seat ${s.seatId ?? ''}`,
        ].join('\n'),
      );
    });
}
