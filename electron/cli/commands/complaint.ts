/**
 * `complaint raise | clear | notified | list` (need --as): 投诉 / 停催. Anyone who sees a case
 * raises one, stopping all outbound contact with the debtor; QC or a lead clears it with a reason.
 */
import { Command, Option } from 'commander';
import { COMPLAINT_GRADES, COMPLAINT_KINDS } from '../../../shared/conduct';
import { seatClock } from '../../../shared/seat-day';
import { ACTOR_STDIN, CliContext, type CliIo } from '../context';
import { table } from '../output';

export function registerComplaint(program: Command, io: CliIo): void {
  const complaint = program.command('complaint').description('complaints and collection holds (停催) (needs --as)');

  complaint
    .command('raise')
    .description("raise a complaint or dispute on a case: every call to the debtor stops until it's cleared")
    .argument('<case-no>', "the bank's case number")
    .requiredOption('--reason <text>', 'what the debtor complains of')
    .addOption(new Option('--grade <g>', 'how serious').choices(COMPLAINT_GRADES).makeOptionMandatory())
    .addOption(new Option('--kind <k>', 'what it is').choices(COMPLAINT_KINDS).default('complaint'))
    .addHelpText(
      'after',
      `${ACTOR_STDIN}\nPrints the day it is due (3 working days on) and how many of the debtor's cases it stops.`,
    )
    .action(
      async (
        caseNo: string,
        o: { reason: string; grade: (typeof COMPLAINT_GRADES)[number]; kind: (typeof COMPLAINT_KINDS)[number] },
        command: Command,
      ) => {
        const ctx = CliContext.of(command, io);
        const input = { caseNo, reason: o.reason, grade: o.grade, kind: o.kind };
        ctx.check('complaint.raise', input);
        const done = await ctx.withSession(() => ctx.call('complaint.raise', input));
        await ctx.out.line(`complaint ${done.complaint} raised: ${done.cases} case(s) on hold; due ${done.dueOn}`);
      },
    );

  complaint
    .command('clear')
    .description('clear the open complaints raised on a case (QC or a lead), with a reason')
    .argument('<case-no>', "the bank's case number")
    .requiredOption('--reason <text>', 'how it was resolved')
    .addHelpText('after', ACTOR_STDIN)
    .action(async (caseNo: string, o: { reason: string }, command: Command) => {
      const ctx = CliContext.of(command, io);
      ctx.check('complaint.clear', { caseNo, reason: o.reason });
      const done = await ctx.withSession(() => ctx.call('complaint.clear', { caseNo, reason: o.reason }));
      await ctx.out.line(
        `${done.cleared} complaint(s) cleared${done.stillHeld ? '; another complaint still holds the debtor' : '; the debtor may be contacted again'}`,
      );
    });

  complaint
    .command('notified')
    .description('record that the client bank was told of the complaints on a case')
    .argument('<case-no>', "the bank's case number")
    .addHelpText('after', ACTOR_STDIN)
    .action(async (caseNo: string, _o: unknown, command: Command) => {
      const ctx = CliContext.of(command, io);
      ctx.check('complaint.notifyBank', { caseNo });
      const done = await ctx.withSession(() => ctx.call('complaint.notifyBank', { caseNo }));
      await ctx.out.line(`${done.marked} complaint(s) marked as told to the bank`);
    });

  complaint
    .command('list')
    .description('the complaint register: open complaints on cases --as may see (--all: cleared ones too)')
    .option('--all', 'cleared complaints too')
    .option('--json', 'print a JSON array')
    .addHelpText('after', ACTOR_STDIN)
    .action(async (o: { all?: boolean; json?: boolean }, command: Command) => {
      const ctx = CliContext.of(command, io);
      const list = await ctx.withSession(() => ctx.call('complaint.list', { openOnly: !o.all }));
      if (o.json) return ctx.out.json(list);
      await ctx.out.line(
        table(
          ['ID', 'CASE', 'KIND', 'GRADE', 'RAISED', 'DUE', 'BANK TOLD', 'CLEARED'],
          list.map((c) => [
            `${c.id}${c.overdue ? ' OVERDUE' : ''}`,
            c.caseNo,
            c.kind,
            c.grade,
            `${seatClock(c.raisedAt)} ${c.raisedBy}`,
            c.dueOn,
            c.bankNotifiedAt === null ? 'no' : seatClock(c.bankNotifiedAt),
            c.clearedAt === null ? '-' : `${seatClock(c.clearedAt)} ${c.clearedBy ?? ''}`,
          ]),
        ),
      );
    });
}
