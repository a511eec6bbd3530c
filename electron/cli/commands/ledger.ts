/** `ledger daily`: 账号管理台账, the daily account ledger, as CSV or PDF, as --as. */
import path from 'node:path';
import { Command, Option } from 'commander';
import { seatDate } from '../../core/ledger/daily-ledger';
import { CliContext, type CliIo } from '../context';
import { assertWritableTarget, writeOutFile } from '../out-file';

type LedgerFormat = 'csv' | 'pdf';

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
      const input = { date: options.date ?? seatDate(io.env.clock.now()), format: options.format };
      ctx.check('ledger.export', input);
      const out = path.resolve(options.out);
      await assertWritableTarget(out);
      const file = await ctx.withSession(() => ctx.call('ledger.export', input));
      await writeOutFile(out, Buffer.from(file.base64, 'base64'));
      await ctx.out.line(out);
    });
}
