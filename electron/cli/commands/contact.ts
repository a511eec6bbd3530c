/**
 * `contact check | start | record | history` and `payment record` (need --as): calls checked
 * against the conduct rules, contact records (催记), payments. `start` prints each rule's verdict;
 * a blocked call exits 6 with the rule, its source, the day's counts and when calling is possible.
 */
import { Command, Option } from 'commander';
import { COMPLAINT_GRADES, OUTCOME_CODES, RELATIONS, type OutcomeCode } from '../../../shared/conduct';
import type { InputOf, SlotVerdict } from '../../../shared/contract';
import { formatFen } from '../../../shared/money';
import { seatClock } from '../../../shared/seat-day';
import { parseYuan } from '../../core/cases/money';
import { VaultError } from '../../core/errors';
import { ACTOR_STDIN, CliContext, type CliIo } from '../context';
import { table } from '../output';

function fen(raw: string, option: string): number {
  const amount = parseYuan(raw);
  if (!amount.ok || amount.fen === 0) throw new VaultError('USAGE', 'usage.amount', { option });
  return amount.fen;
}

const verdictText = (v: SlotVerdict): string =>
  v.allowed ? 'callable' : `blocked: ${v.blockedBy ?? ''}${v.nextAt === null ? '' : ` until ${seatClock(v.nextAt)}`}`;

export function registerContact(program: Command, io: CliIo): void {
  const contact = program.command('contact').description('calls and contact records (催记) on a case (needs --as)');

  contact
    .command('check')
    .description("list a case's numbers (masked), each with whether it may be called now and why not")
    .argument('<case-no>', "the bank's case number")
    .option('--json', 'print the verdicts as JSON')
    .addHelpText('after', ACTOR_STDIN)
    .action(async (caseNo: string, options: { json?: boolean }, command: Command) => {
      const ctx = CliContext.of(command, io);
      ctx.check('contact.check', { caseNo });
      const slots = await ctx.withSession(() => ctx.call('contact.check', { caseNo }));
      if (options.json) return ctx.out.json(slots);
      await ctx.out.line(
        table(
          ['N', 'NUMBER', 'WHOSE', 'TODAY (REACHED/UNANSWERED)', 'NOW'],
          slots.map((s, i) => [
            String(i + 1),
            s.mask,
            s.relation ?? 'debtor',
            `${s.counters.reached}/${s.counters.attempts}`,
            verdictText(s),
          ]),
        ),
      );
    });

  contact
    .command('start')
    .description("check every rule, then open a call to one of the case's numbers (as `contact check` numbers them)")
    .argument('<case-no>', "the bank's case number")
    .requiredOption('--phone-index <n>', 'which number: 1 for the first `contact check` lists', (v) => Number(v))
    .option('--json', 'print {"callNo", "dialed", "verdict"}')
    .addHelpText(
      'after',
      `${ACTOR_STDIN}\nPrints each rule and whether it passed, then the call's id (give it to \`contact record\`).\nThe CLI has no dialer: the number is never printed; the call is opened and counts for today.`,
    )
    .action(async (caseNo: string, options: { phoneIndex: number; json?: boolean }, command: Command) => {
      const ctx = CliContext.of(command, io);
      ctx.check('contact.check', { caseNo });
      if (!Number.isInteger(options.phoneIndex) || options.phoneIndex < 1)
        throw new VaultError('USAGE', 'usage.phoneIndex');
      const started = await ctx.withSession(async () => {
        const slots = await ctx.call('contact.check', { caseNo });
        const slot = slots[options.phoneIndex - 1];
        if (!slot) throw new VaultError('USAGE', 'usage.phoneIndex');
        return ctx.call('contact.start', { caseNo, slot: slot.slot });
      });
      if (options.json) return ctx.out.json(started);
      for (const c of started.verdict.checks)
        await ctx.out.line(`${c.overridden ? 'lifted' : 'ok'}  ${c.rule}  (${c.source})`);
      await ctx.out.line(`call ${started.callNo} opened on ${started.verdict.mask}`);
    });

  contact
    .command('record')
    .description('write the contact record of your open call on the case (or of a call the debtor made)')
    .argument('<case-no>', "the bank's case number")
    .addOption(new Option('--outcome <code>', 'the outcome code').choices(OUTCOME_CODES).makeOptionMandatory())
    .requiredOption('--note <text>', 'what happened (card, ID and phone numbers in it are masked)')
    .option('--call <id>', 'the call (default: your latest call on the case not yet recorded)')
    .option('--inbound', 'a call the debtor made (no call was started)')
    .addOption(new Option('--relation <who>', 'who was reached').choices(RELATIONS))
    .option('--promise-amount <yuan>', 'promise to pay: the amount (with --promise-date)')
    .option('--promise-date <yyyy-mm-dd>', 'promise to pay: the date')
    .option('--recording <id>', 'the recording id as the recorder names it')
    .option('--recorder-call <id>', 'the call id as the recorder names it')
    .option('--refused', 'a third party refused any further contact')
    .option('--corrects <record>', 'this record corrects that one (its number in `contact history`)', (v) => Number(v))
    .addOption(new Option('--grade <g>', 'for DISP, CMPL, SPEC: the complaint grade').choices(COMPLAINT_GRADES))
    .addHelpText('after', `${ACTOR_STDIN}\nPrints the record's number and its recording state.`)
    .action(
      async (
        caseNo: string,
        o: {
          outcome: OutcomeCode;
          note: string;
          call?: string;
          inbound?: boolean;
          relation?: (typeof RELATIONS)[number];
          promiseAmount?: string;
          promiseDate?: string;
          recording?: string;
          recorderCall?: string;
          refused?: boolean;
          corrects?: number;
          grade?: (typeof COMPLAINT_GRADES)[number];
        },
        command: Command,
      ) => {
        const ctx = CliContext.of(command, io);
        if ((o.promiseAmount === undefined) !== (o.promiseDate === undefined))
          throw new VaultError('USAGE', 'usage.promise');
        const input: InputOf<'contact.record'> = {
          caseNo,
          outcome: o.outcome,
          note: o.note,
          ...(o.call === undefined ? {} : { callNo: o.call }),
          ...(o.inbound ? { inbound: true } : {}),
          ...(o.relation === undefined ? {} : { relation: o.relation }),
          ...(o.promiseAmount === undefined || o.promiseDate === undefined
            ? {}
            : { promise: { amountFen: fen(o.promiseAmount, '--promise-amount'), on: o.promiseDate } }),
          ...(o.recording === undefined ? {} : { recordingId: o.recording }),
          ...(o.recorderCall === undefined ? {} : { recorderCall: o.recorderCall }),
          ...(o.refused ? { refused: true } : {}),
          ...(o.corrects === undefined ? {} : { corrects: o.corrects }),
          ...(o.grade === undefined ? {} : { grade: o.grade }),
        };
        ctx.check('contact.record', input);
        const done = await ctx.withSession(() => ctx.call('contact.record', input));
        await ctx.out.line(
          `record ${done.record} written; recording ${done.recording}${done.hold ? '; the debtor is now on hold (停催)' : ''}`,
        );
      },
    );

  contact
    .command('history')
    .description("a case's contact records, newest first")
    .argument('<case-no>', "the bank's case number")
    .option('--json', 'print a JSON array')
    .addHelpText('after', ACTOR_STDIN)
    .action(async (caseNo: string, options: { json?: boolean }, command: Command) => {
      const ctx = CliContext.of(command, io);
      ctx.check('contact.history', { caseNo });
      const records = await ctx.withSession(() => ctx.call('contact.history', { caseNo }));
      if (options.json) return ctx.out.json(records);
      await ctx.out.line(
        table(
          ['RECORD', 'AT', 'AGENT', 'NUMBER', 'OUTCOME', 'RECORDING', 'PROMISE', 'NOTE'],
          records.map((r) => [
            `${r.id}${r.correctedBy === null ? '' : ` (corrected by ${r.correctedBy})`}`,
            seatClock(r.at),
            r.agent,
            r.numberMask ?? (r.direction === 'in' ? 'inbound' : '-'),
            r.outcome,
            r.recording,
            r.promise ? `${formatFen(r.promise.amountFen)} by ${r.promise.on} (${r.promise.state})` : '-',
            r.note,
          ]),
        ),
      );
    });

  program
    .command('payment')
    .description('payments on a case (needs --as holding payment.record)')
    .command('record')
    .description('enter a payment that posted on a case')
    .argument('<case-no>', "the bank's case number")
    .requiredOption('--amount <yuan>', 'the amount, e.g. 1200.50')
    .requiredOption('--date <yyyy-mm-dd>', 'the day it posted')
    .addHelpText('after', ACTOR_STDIN)
    .action(async (caseNo: string, o: { amount: string; date: string }, command: Command) => {
      const ctx = CliContext.of(command, io);
      const input = { caseNo, amountFen: fen(o.amount, '--amount'), paidOn: o.date };
      ctx.check('payment.record', input);
      const done = await ctx.withSession(() => ctx.call('payment.record', input));
      await ctx.out.line(`payment ${done.payment} entered`);
    });
}
