/** `ledger daily`: 账号管理台账, the daily account ledger, as CSV or PDF, as --as. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Command, Option } from 'commander';
import { dailyLedger, dayBounds, seatDate } from '../../core/ledger/daily-ledger';
import { CJK_FONT } from '../../core/ledger/font';
import { ledgerCsv } from '../../core/ledger/ledger-csv';
import { ledgerPdf } from '../../core/ledger/ledger-pdf';
import { CliContext, type CliIo } from '../context';
import { assertWritableTarget, writeOutFile } from '../out-file';

type LedgerFormat = 'csv' | 'pdf';

/** The vendored font, found from this file (electron/cli/commands/) up to the repository root. */
export const FONT_FILE = path.resolve(__dirname, '..', '..', '..', CJK_FONT);

export function registerLedger(program: Command, io: CliIo): void {
  const ledger = program.command('ledger').description('the daily account ledger (账号管理台账) (needs --as)');

  ledger
    .command('daily')
    .description('write the account ledger of one day (Asia/Shanghai) to --out; prints the path written')
    .option('--date <yyyy-mm-dd>', 'the day (default: today in Asia/Shanghai)')
    .addOption(new Option('--format <format>', 'csv or pdf').choices(['csv', 'pdf']).makeOptionMandatory())
    .requiredOption('--out <file>', 'the file to write (replaced atomically)')
    .addHelpText(
      'after',
      '\nstdin (when not a terminal), one line each:\n  1. the password of the --as account\n' +
        'CSV is UTF-8 with a byte-order mark; the PDF embeds its Chinese font.',
    )
    .action(async (options: { date?: string; format: LedgerFormat; out: string }, command: Command) => {
      const ctx = CliContext.of(command, io);
      const date = options.date ?? seatDate(io.env.clock.now());
      dayBounds(date); // a bad date fails before the password is asked for
      const out = path.resolve(options.out);
      await assertWritableTarget(out);
      const font = options.format === 'pdf' ? await readFile(FONT_FILE) : null;
      const data = await ctx.withSession(async (session) => {
        const day = await dailyLedger(session, date);
        return font ? ledgerPdf(day, font) : ledgerCsv(day);
      });
      await writeOutFile(out, data);
      await ctx.out.line(out);
    });
}
