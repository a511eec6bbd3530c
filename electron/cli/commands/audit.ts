/** `audit verify | anchor | export`: the access log, as --as. */
import { Command, Option } from 'commander';
import type { Anchor, VerifyReport } from '../../../shared/contract';
import { exportAnchor, exportAudit, verifyAudit } from '../../core/audit/audit-service';
import { VaultError } from '../../core/errors';
import { readAnchorFile } from '../anchor-file';
import { EXPORT_FORMATS, exportChunks, type ExportFormat } from '../audit-format';
import { CliContext, type CliIo } from '../context';
import { messageFor } from '../messages';
import { assertWritableTarget, writeOutFileFrom } from '../out-file';

const ACTOR_STDIN = '\nstdin (when not a terminal), one line each:\n  1. the password of the --as account';

/** Why a report fails, as a VaultError (exit 8), or null when the log is intact. */
export function verifyFailure(report: VerifyReport, anchor: Anchor | undefined): VaultError | null {
  if (report.firstBrokenSeq !== null) return new VaultError('VAULT_DAMAGED', 'audit.broken', { seq: report.firstBrokenSeq });
  if (report.anchor === 'other-vault') return new VaultError('VAULT_DAMAGED', 'anchor.otherVault', { vaultId: anchor?.vaultId ?? '' });
  if (report.anchor === 'behind') return new VaultError('VAULT_DAMAGED', 'anchor.behind', { seq: anchor?.seq ?? 0, head: report.headSeq });
  if (report.anchor === 'mismatch') return new VaultError('VAULT_DAMAGED', 'anchor.mismatch', { seq: anchor?.seq ?? 0 });
  return null;
}

function summary(report: VerifyReport, failure: VaultError | null): string {
  if (failure) return `FAILED: ${messageFor(failure.key, failure.params)}`;
  const anchored = report.anchor === 'matches' ? '; the anchor matches' : '';
  return `intact: ${report.checked} events checked, head ${report.headSeq} ${report.headHash.slice(0, 16)}${anchored}`;
}

export function registerAudit(program: Command, io: CliIo): void {
  const audit = program.command('audit').description('verify, anchor and export the access log (needs --as)');

  audit
    .command('verify')
    .description('recompute the hash chain; exit 0 when intact, 8 when broken or not matching --anchor')
    .option('--anchor <file>', 'an anchor file written by "audit anchor" to check the log against')
    .option('--json', 'print the report as one JSON object')
    .addHelpText('after', ACTOR_STDIN)
    .action(async (options: { anchor?: string; json?: boolean }, command: Command) => {
      const ctx = CliContext.of(command, io);
      const anchor = options.anchor !== undefined ? await readAnchorFile(options.anchor) : undefined;
      const report = await ctx.withSession((session) =>
        verifyAudit(session, {
          anchor,
          onProgress: (done, total) => ctx.out.progress(`verifying the access log: ${done}/${total}`),
        }),
      );
      ctx.out.progress(null);
      const failure = verifyFailure(report, anchor);
      if (options.json) await ctx.out.json(report);
      else await ctx.out.line(summary(report, failure));
      if (failure) throw failure;
    });

  audit
    .command('anchor')
    .description('print the head of the access log as one JSON line (keep it outside the machine)')
    .addHelpText('after', ACTOR_STDIN)
    .action(async (_options: unknown, command: Command) => {
      const ctx = CliContext.of(command, io);
      const anchor = await ctx.withSession((session) => exportAnchor(session));
      await ctx.out.json(anchor);
    });

  audit
    .command('export')
    .description('export every access-log event to stdout or --out')
    .addOption(new Option('--format <format>', 'jsonl or csv').choices(EXPORT_FORMATS).default('jsonl'))
    .option('--out <file>', 'write to FILE atomically instead of stdout')
    .addHelpText('after', `${ACTOR_STDIN}\nCSV columns: seq,time,actor,seat,action,object,outcome,detail (time in UTC).`)
    .action(async (options: { format: ExportFormat; out?: string }, command: Command) => {
      const ctx = CliContext.of(command, io);
      const out = options.out;
      if (out !== undefined) await assertWritableTarget(out);
      await ctx.withSession(async (session) => {
        const chunks = exportChunks(exportAudit(session, options.format), options.format);
        if (out === undefined) {
          for await (const chunk of chunks) await ctx.out.write(chunk);
          return;
        }
        await writeOutFileFrom(out, chunks);
      });
    });
}
