/**
 * `import ARCHIVE`: the import ceremony from the command line, on the import station. Both
 * custodians type at the same keyboard, one after the other, each only their own lines; the
 * first custodian's sign-in is the command's session.
 */
import path from 'node:path';
import { Command } from 'commander';
import type { ImportReportView } from '../../../shared/contract';
import { formatFen } from '../../core/cases/money';
import { CliContext, type CliIo } from '../context';

const CUSTODIAN_STDIN = `
stdin (when not a terminal), one line each, in order:
  1. custodian A's username (客服 cs)       4. custodian B's username (品控 qc)
  2. custodian A's password                 5. custodian B's password
  3. custodian A's half of the password     6. custodian B's half of the password
The archive password is A's half followed by B's. Each custodian types only their own lines.
Exit codes: 7 "archive password incorrect" for a wrong half, a refused or damaged archive;
6 for the wrong roles, the same person twice, or a seat that is not the import station.`;

interface ImportOptions {
  template?: string;
  dryRun?: boolean;
  json?: boolean;
  destroySource?: boolean;
}

async function custodian(ctx: CliContext, slot: 'A' | 'B'): Promise<{ username: string; password: string }> {
  const role = slot === 'A' ? 'custodian A (cs)' : 'custodian B (qc)';
  const username = ctx.secrets.interactive
    ? await ctx.secrets.ask(`${role} username`)
    : await ctx.secrets.secret(`${role} username`);
  const password = await ctx.secrets.secret(`${role} password`);
  return { username, password };
}

function reportLines(report: ImportReportView): string[] {
  const lines = [
    `template ${report.template}, batch ${report.batchNo ?? '-'}, encryption ${report.encryption}`,
    `rows ${report.rows}: accepted ${report.accepted}, rejected ${report.rejected}, skipped ${report.skipped}; amount ${formatFen(report.totalFen)}`,
  ];
  const r = report.reconciliation;
  if (r)
    lines.push(
      `summary ${r.source}: ${r.agrees ? 'agrees' : 'DISAGREES'} (cases ${r.caseCount.stated ?? '-'} stated, ${r.caseCount.found} found; amount ${r.totalFen.stated === null ? '-' : formatFen(r.totalFen.stated)} stated, ${formatFen(r.totalFen.found)} found)`,
    );
  for (const source of report.sources)
    if (source.unknownHeaders.length > 0)
      lines.push(`${source.label}: columns not mapped: ${source.unknownHeaders.join(', ')}`);
  for (const p of report.problems.slice(0, 50))
    lines.push(
      `${p.severity} ${p.source} row ${p.row}${p.ref ? ` (${p.ref})` : ''}${p.column ? ` ${p.column}` : ''}: ${p.code}${p.value ? ` [${p.value}]` : ''}`,
    );
  if (report.problems.length > 50) lines.push(`… ${report.problems.length - 50} more problems (use --json)`);
  return lines;
}

export function registerImport(program: Command, io: CliIo): void {
  program
    .command('import')
    .description('the import ceremony: decrypt, check and import a bank delivery (two custodians)')
    .argument('<archive>', 'the delivery archive (a password-protected ZIP)')
    .option('--template <name>', 'use this mapping template (default: the one that fits)')
    .option('--dry-run', 'check the delivery and print the report; import nothing')
    .option('--json', 'print one summary object')
    .option('--destroy-source', 'after the import, overwrite and delete the archive (policy: no raw copy stays)')
    .addHelpText('after', CUSTODIAN_STDIN)
    .action(async (archive: string, options: ImportOptions, command: Command) => {
      const ctx = CliContext.of(command, io);
      const file = path.resolve(archive);
      ctx.check('import.start', { path: file });
      const a = await custodian(ctx, 'A');
      const halfA = await ctx.secrets.secret('custodian A half');
      await ctx.signIn(a.username, a.password);
      try {
        ctx.on('import.progress', ({ phase, done, total }) =>
          ctx.out.progress(
            phase === 'hashing'
              ? `hashing the archive: ${done} bytes`
              : `${phase}: ${total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 0}%`,
          ),
        );
        const { ceremonyId } = await ctx.call('import.start', { path: file });
        await ctx.call('import.admit', { ceremonyId, slot: 'A', ...a, half: halfA });
        const b = await custodian(ctx, 'B');
        const halfB = await ctx.secrets.secret('custodian B half');
        await ctx.call('import.admit', { ceremonyId, slot: 'B', ...b, half: halfB });
        const report = await ctx.call('import.check', {
          ceremonyId,
          ...(options.template ? { template: options.template } : {}),
        });
        ctx.out.progress(null);
        let result = null;
        if (options.dryRun) await ctx.call('import.cancel', { ceremonyId });
        else result = await ctx.call('import.commit', { ceremonyId });
        ctx.out.progress(null);
        if (result && options.destroySource) await ctx.call('import.destroySource', { ceremonyId });
        const summary = {
          ceremonyId,
          dryRun: options.dryRun === true,
          batchId: result?.batchId ?? null,
          batchNo: report.batchNo,
          template: report.template,
          accepted: report.accepted,
          rejected: report.rejected,
          skipped: report.skipped,
          totalFen: report.totalFen,
          totalAmount: formatFen(report.totalFen),
          archiveSha256: result?.archiveSha256 ?? null,
          reconciled: report.reconciliation?.agrees ?? null,
          sourceDestroyed: result !== null && options.destroySource === true,
        };
        if (options.json) await ctx.out.json({ ...summary, problems: report.problems });
        else {
          for (const line of reportLines(report)) await ctx.out.line(line);
          await ctx.out.line(
            options.dryRun
              ? `dry run: nothing imported (ceremony ${ceremonyId})`
              : `imported batch ${summary.batchNo} as #${summary.batchId} (ceremony ${ceremonyId})`,
          );
          if (summary.sourceDestroyed) await ctx.out.line(`source archive overwritten and deleted: ${file}`);
        }
      } finally {
        ctx.out.progress(null);
        await ctx.call('session.logout', {}).catch(() => undefined);
      }
    });
}
