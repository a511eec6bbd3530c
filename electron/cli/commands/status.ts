/** `status`: what the vault is, without a password (no names, no secrets). */
import type { Command } from 'commander';
import { vaultStatus } from '../../core/vault/vault-status';
import { CliContext, type CliIo } from '../context';

export function registerStatus(program: Command, io: CliIo): void {
  program
    .command('status')
    .description('show whether --data-dir holds a vault, its id, schema version and account count')
    .option('--json', 'print one JSON object')
    .addHelpText('after', '\nstdin: not read.')
    .action(async (options: { json?: boolean }, command: Command) => {
      const ctx = CliContext.of(command, io);
      const dataDir = ctx.dataDir;
      const s = await vaultStatus(dataDir, io.env);
      if (options.json) {
        await ctx.out.json({ initialized: s.initialized, dataDir, vaultId: s.vaultId, schemaVersion: s.schemaVersion, accounts: s.accounts, seatId: s.seatId });
        return;
      }
      if (!s.initialized) {
        await ctx.out.line(`no vault in ${dataDir}`);
        return;
      }
      await ctx.out.line(
        [`vault ${s.vaultId ?? ''}`, `data directory ${dataDir}`, `schema version ${s.schemaVersion ?? ''}`, `accounts ${s.accounts ?? ''}`, `seat ${s.seatId ?? ''}`].join('\n'),
      );
    });
}
