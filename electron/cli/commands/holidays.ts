/**
 * `holidays list | import FILE` (need --as): the statutory holiday calendar. An import is
 * checked and its differences printed before a second person (holding holiday.approve) approves
 * it at this seat.
 */
import { readFile, stat } from 'node:fs/promises';
import { Command } from 'commander';
import type { YearDiff } from '../../../shared/contract';
import { VaultError } from '../../core/errors';
import { ACTOR_STDIN, CliContext, type CliIo } from '../context';
import { table } from '../output';

const MAX_BYTES = 64 * 1024;

async function holidayText(file: string): Promise<string> {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw new VaultError('INPUT_REJECTED', 'holiday.noFile');
  if (info.size > MAX_BYTES) throw new VaultError('INPUT_REJECTED', 'holiday.fileTooLarge');
  return readFile(file, 'utf8');
}

function diffLines(d: YearDiff): string[] {
  const day = (x: { date: string; name: string; off: boolean }) => `${x.date} ${x.off ? 'off' : 'workday'} ${x.name}`;
  return [
    `year ${d.year}; notice: ${d.papers.join(' ')}`,
    d.replaces === null ? 'new year in the calendar' : `replaces the year now held (sha256 ${d.replaces})`,
    ...d.added.map((x) => `+ ${day(x)}`),
    ...d.removed.map((x) => `- ${day(x)}`),
    ...d.changed.map((x) => `~ ${day(x)}`),
    `file sha256 ${d.sha256}`,
  ];
}

export function registerHolidays(program: Command, io: CliIo): void {
  const holidays = program.command('holidays').description('the statutory holiday calendar (needs --as)');

  holidays
    .command('list')
    .description('the years in the calendar, who imported and approved each, and what is missing')
    .option('--json', 'print the calendar as JSON')
    .addHelpText('after', ACTOR_STDIN)
    .action(async (o: { json?: boolean }, command: Command) => {
      const ctx = CliContext.of(command, io);
      const calendar = await ctx.withSession(() => ctx.call('holiday.calendar', {}));
      if (o.json) return ctx.out.json(calendar);
      await ctx.out.line(
        table(
          ['YEAR', 'SOURCE', 'DAYS OFF', 'WORKDAYS', 'IMPORTED BY', 'APPROVED BY'],
          calendar.years.map((y) => [
            String(y.year),
            y.source,
            String(y.days.filter((d) => d.off).length),
            String(y.days.filter((d) => !d.off).length),
            y.importedBy ?? '-',
            y.approvedBy ?? '-',
          ]),
        ),
      );
      if (calendar.nextYearMissing !== null)
        await ctx.out.line(`warning: ${calendar.nextYearMissing} is not in the calendar yet: import it`);
      if (calendar.currentYearMissing !== null)
        await ctx.out.line(`warning: ${calendar.currentYearMissing} is missing: the missing-year policy applies`);
    });

  holidays
    .command('import')
    .description("import a year's holiday file (holiday-cn format), approved by a second person here")
    .argument('<file>', 'the year file, e.g. 2027.json')
    .addHelpText(
      'after',
      `${ACTOR_STDIN}\n  2. the second person's username (holding holiday.approve, e.g. a director or QC)\n  3. their password (typed by them)\nThe differences are printed before the second person is asked.`,
    )
    .action(async (file: string, _o: unknown, command: Command) => {
      const ctx = CliContext.of(command, io);
      const text = await holidayText(file);
      ctx.check('holiday.check', { text });
      const done = await ctx.withSession(async () => {
        const diff = await ctx.call('holiday.check', { text });
        for (const line of diffLines(diff)) await ctx.out.line(line);
        const username = ctx.secrets.interactive
          ? await ctx.secrets.ask('the second person (holding holiday.approve): their username')
          : await ctx.secrets.secret("the second person's username");
        const password = await ctx.secrets.secret(`password of ${username.trim()}`);
        return ctx.call('holiday.import', {
          text,
          sha256: diff.sha256,
          approval: { username: username.trim(), password },
        });
      });
      await ctx.out.line(`holiday year ${done.year} imported`);
    });
}
