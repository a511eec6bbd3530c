/** `audit verify | anchor | export`: the access log, as --as. */
import { Command, Option } from 'commander';
import {
  EXPORT_FORMATS,
  type Anchor,
  type AuditEventView,
  type ExportFormat,
  type VerifyReport,
} from '../../../shared/contract';
import { VaultError } from '../../core/errors';
import { readAnchorFile } from '../anchor-file';
import { actionRows } from '../audit-actions-text';
import { EXPORT_COLUMNS_HELP, exportChunks } from '../audit-format';
import { ACTOR_STDIN, CliContext, type CliIo } from '../context';
import { table } from '../output';
import { messageFor } from '../messages';
import { assertWritableTarget, writeOutFileFrom } from '../out-file';

/** Why a report fails, as a VaultError (exit 8), or null when the log is intact. */
export function verifyFailure(report: VerifyReport, anchor: Anchor | undefined): VaultError | null {
  if (report.firstBrokenSeq !== null)
    return new VaultError('VAULT_DAMAGED', 'audit.broken', { seq: report.firstBrokenSeq });
  if (report.anchor === 'other-vault')
    return new VaultError('VAULT_DAMAGED', 'anchor.otherVault', { vaultId: anchor?.vaultId ?? '' });
  if (report.anchor === 'behind')
    return new VaultError('VAULT_DAMAGED', 'anchor.behind', { seq: anchor?.seq ?? 0, head: report.headSeq });
  if (report.anchor === 'mismatch')
    return new VaultError('VAULT_DAMAGED', 'anchor.mismatch', { seq: anchor?.seq ?? 0 });
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
      ctx.check('audit.verify', { anchor });
      ctx.on('audit.verifyProgress', ({ done, total }) =>
        ctx.out.progress(`verifying the access log: ${done}/${total}`),
      );
      const report = await ctx.withSession(() => ctx.call('audit.verify', { anchor }));
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
      ctx.check('audit.anchor', {});
      const anchor = await ctx.withSession(() => ctx.call('audit.anchor', {}));
      await ctx.out.json(anchor);
    });

  audit
    .command('export')
    .description('export every access-log event to stdout or --out')
    .addOption(new Option('--format <format>', 'jsonl or csv').choices(EXPORT_FORMATS).default('jsonl'))
    .option('--out <file>', 'write to FILE atomically instead of stdout')
    .addHelpText('after', `${ACTOR_STDIN}\n${EXPORT_COLUMNS_HELP}`)
    .action(async (options: { format: ExportFormat; out?: string }, command: Command) => {
      const ctx = CliContext.of(command, io);
      const out = options.out;
      const format = options.format;
      ctx.check('audit.export', { format, afterSeq: 0 });
      if (out !== undefined) await assertWritableTarget(out);
      await ctx.withSession(async () => {
        // Page after page of the one export the first call started (and logged).
        async function* pages(): AsyncGenerator<AuditEventView[]> {
          let afterSeq: number | null = 0;
          while (afterSeq !== null) {
            const page: { events: AuditEventView[]; nextAfterSeq: number | null } = await ctx.call('audit.export', {
              format,
              afterSeq,
            });
            yield page.events;
            afterSeq = page.nextAfterSeq;
          }
        }
        const chunks = exportChunks(pages(), format);
        if (out === undefined) {
          for await (const chunk of chunks) await ctx.out.write(chunk);
          return;
        }
        await writeOutFileFrom(out, chunks);
      });
    });

  audit
    .command('actions')
    .description('list every action the access log records: what its object names and its detail fields')
    .option('--json', 'print a JSON array')
    .addHelpText('after', '\nstdin: not read. No password is needed: this describes the format, not the log.')
    .action(async (options: { json?: boolean }) => {
      const rows = actionRows();
      if (options.json) await io.out.json(rows);
      else
        await io.out.line(
          table(
            ['ACTION', 'OBJECT', 'DETAIL', 'WHAT HAPPENED'],
            rows.map((r) => [r.action, r.object, r.detail, r.about]),
          ),
        );
    });
}
