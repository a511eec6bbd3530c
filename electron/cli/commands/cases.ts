/**
 * `cases batches | count | list | show | reveal | assign` (all need --as): what the account may
 * see of the cases, masked as its role sees them; a reveal prints one value and is logged.
 */
import { Command, Option } from 'commander';
import {
  ASSIGN_RULES,
  CASE_SORTS,
  REVEAL_FIELDS,
  REVEAL_REASONS,
  SEARCH_KINDS,
  type RevealField,
} from '../../../shared/cases';
import type { CaseFilter, CasePage, CaseRow, InputOf } from '../../../shared/contract';
import { formatFen } from '../../core/cases/money';
import { VaultError } from '../../core/errors';
import { FILTER_HELP, parseFilter } from '../case-filter';
import { ACTOR_STDIN, CliContext, type CliIo } from '../context';
import { isoTime, table } from '../output';

const when = (ms: number | null): string => (ms === null ? '-' : isoTime(ms).slice(0, 16).replace('T', ' '));

/** The CLI's short field names (the issue's) beside the contract's. */
const FIELD_ALIASES: Readonly<Record<string, RevealField>> = {
  id: 'idNumber',
  card: 'cardNumber',
  phone: 'mobile',
  address: 'homeAddress',
};

function revealField(name: string): RevealField {
  const field = FIELD_ALIASES[name] ?? name;
  if (!(REVEAL_FIELDS as readonly string[]).includes(field))
    throw new VaultError('USAGE', 'usage.field', { field: name });
  return field as RevealField;
}

function search(term: string | undefined): CaseFilter['search'] {
  if (term === undefined) return undefined;
  const colon = term.indexOf(':');
  const kind = term.slice(0, colon);
  if (colon < 1 || !(SEARCH_KINDS as readonly string[]).includes(kind)) throw new VaultError('USAGE', 'usage.search');
  return { kind: kind as (typeof SEARCH_KINDS)[number], text: term.slice(colon + 1) };
}

function rowCells(r: CaseRow): string[] {
  return [
    r.caseNo,
    r.state,
    r.name ?? '-',
    r.mobile ?? '-',
    formatFen(r.amountFen),
    r.daysOverdue === null ? '-' : String(r.daysOverdue),
    r.assignee ?? '-',
    r.team ?? '-',
    when(r.firstContactDue),
  ];
}

function pageLines(p: CasePage): string[] {
  const lines = [
    `case ${p.caseNo} (batch ${p.batchNo}), ${p.state}; assigned to ${p.assignee ?? '-'} (${p.team ?? 'no team'})`,
  ];
  if (!p.showable) return [...lines, 'its data is stored or destroyed and cannot be shown'];
  lines.push(
    `name ${p.name ?? '-'}; amount ${formatFen(p.amountFen)}, principal ${p.principalFen === null ? '-' : formatFen(p.principalFen)}, ${p.daysOverdue ?? '-'} days overdue`,
  );
  for (const f of p.fields) lines.push(`${f.field} ${f.value}`);
  for (const c of p.contacts)
    lines.push(`contact ${c.ordinal}: ${c.name ?? '-'} (${c.relation ?? '-'}) ${c.phone ?? '-'}`);
  return lines;
}

export function registerCases(program: Command, io: CliIo): void {
  const cases = program.command('cases').description('case data, as --as may see it (needs --as)');

  cases
    .command('batches')
    .description('list the imported batches (委案批次): id, number, cases, amount')
    .option('--json', 'print a JSON array')
    .addHelpText('after', ACTOR_STDIN)
    .action(async (options: { json?: boolean }, command: Command) => {
      const ctx = CliContext.of(command, io);
      const list = await ctx.withSession(() => ctx.call('case.batches', {}));
      if (options.json) return ctx.out.json(list);
      await ctx.out.line(
        table(
          ['ID', 'BATCH', 'CASES', 'AMOUNT', 'IMPORTED (UTC)'],
          list.map((b) => [String(b.id), b.batchNo, String(b.caseCount), formatFen(b.totalFen), when(b.importedAt)]),
        ),
      );
    });

  cases
    .command('count')
    .description('print the number of cases visible to --as')
    .option('--batch <id>', 'only this batch (its id as `cases batches` lists it)', (v) => Number(v))
    .option('--json', 'print {"count": N}')
    .addHelpText('after', ACTOR_STDIN)
    .action(async (options: { batch?: number; json?: boolean }, command: Command) => {
      const ctx = CliContext.of(command, io);
      const input = options.batch === undefined ? {} : { batchId: options.batch };
      ctx.check('case.count', input);
      const { count } = await ctx.withSession(() => ctx.call('case.count', input));
      if (options.json) await ctx.out.json({ count });
      else await ctx.out.line(String(count));
    });

  cases
    .command('list')
    .description('list the cases visible to --as, masked as its role sees them')
    .option('--batch <id>', 'only this batch', (v) => Number(v))
    .option('--assigned-to <name>', "only this agent's cases")
    .option('--filter <expr>', 'only cases matching EXPR (below)')
    .option('--search <kind:text>', `exact search: ${SEARCH_KINDS.join('|')}:VALUE (e.g. phone:13800138000)`)
    .addOption(new Option('--sort <key>', 'sort by').choices(CASE_SORTS).default('daysOverdue'))
    .option('--ascending', 'smallest first (default: largest first)')
    .option('--limit <n>', 'at most this many (1 to 500)', (v) => Number(v), 50)
    .option('--offset <n>', 'skip this many', (v) => Number(v), 0)
    .option('--json', 'print {"total": N, "rows": [...]}')
    .addHelpText('after', `\n${FILTER_HELP}${ACTOR_STDIN}`)
    .action(
      async (
        options: {
          batch?: number;
          assignedTo?: string;
          filter?: string;
          search?: string;
          sort: (typeof CASE_SORTS)[number];
          ascending?: boolean;
          limit: number;
          offset: number;
          json?: boolean;
        },
        command: Command,
      ) => {
        const ctx = CliContext.of(command, io);
        const filter = {
          ...parseFilter(options.filter ?? ''),
          ...(options.batch === undefined ? {} : { batchId: options.batch }),
          ...(options.assignedTo === undefined ? {} : { assignee: options.assignedTo }),
          ...(options.search === undefined ? {} : { search: search(options.search) }),
        };
        const input: InputOf<'case.list'> = {
          filter,
          sort: options.sort,
          descending: !options.ascending,
          limit: options.limit,
          offset: options.offset,
        };
        ctx.check('case.list', input);
        const page = await ctx.withSession(() => ctx.call('case.list', input));
        if (options.json) return ctx.out.json(page);
        await ctx.out.line(
          table(
            ['CASE', 'STATE', 'NAME', 'MOBILE', 'AMOUNT', 'DAYS', 'AGENT', 'TEAM', 'FIRST CONTACT DUE (UTC)'],
            page.rows.map(rowCells),
          ),
        );
        await ctx.out.line(`${page.rows.length} of ${page.total}`);
      },
    );

  cases
    .command('show')
    .description('show one case, masked as --as may see it')
    .argument('<case-no>', "the bank's case number")
    .option('--json', 'print the case as JSON')
    .addHelpText('after', ACTOR_STDIN)
    .action(async (caseNo: string, options: { json?: boolean }, command: Command) => {
      const ctx = CliContext.of(command, io);
      ctx.check('case.get', { caseNo });
      const page = await ctx.withSession(() => ctx.call('case.get', { caseNo }));
      if (options.json) return ctx.out.json(page);
      for (const line of pageLines(page)) await ctx.out.line(line);
    });

  cases
    .command('reveal')
    .description('print one masked value of a case in full (logged with the reason)')
    .argument('<case-no>', "the bank's case number")
    .requiredOption('--field <field>', `id | card | phone | address, or one of ${REVEAL_FIELDS.join(', ')}`)
    .option('--contact <n>', "a contact's name or phone: which contact (1 to 3)", (v) => Number(v))
    .addOption(new Option('--reason <code>', 'why').choices(REVEAL_REASONS).makeOptionMandatory())
    .option('--note <text>', 'a note (required with --reason other)')
    .addHelpText('after', `${ACTOR_STDIN}\nThe value is printed alone on one line.`)
    .action(
      async (
        caseNo: string,
        options: { field: string; contact?: number; reason: (typeof REVEAL_REASONS)[number]; note?: string },
        command: Command,
      ) => {
        const ctx = CliContext.of(command, io);
        const input: InputOf<'case.reveal'> = {
          caseNo,
          field: revealField(options.field),
          reason: options.reason,
          ...(options.contact === undefined ? {} : { ordinal: options.contact }),
          ...(options.note === undefined ? {} : { note: options.note }),
        };
        ctx.check('case.reveal', input);
        const { value } = await ctx.withSession(() => ctx.call('case.reveal', input));
        await ctx.out.line(value);
      },
    );

  cases
    .command('assign')
    .description('assign cases to agents of your team (a lead) or any team (a director)')
    .option('--to <names...>', 'the agent (or, with --rule roundRobin|amountBand, the agents); none: back to the pool')
    .option('--case <nos...>', 'these cases')
    .option('--batch <id>', 'the open cases of this batch (with --filter: those matching)', (v) => Number(v))
    .option('--filter <expr>', 'the open cases matching EXPR (below)')
    .addOption(new Option('--rule <rule>', 'how to spread them').choices(ASSIGN_RULES).default('direct'))
    .option('--team <name>', "a director: to this team's pool (or its agents named by --to)")
    .option('--json', 'print {"assigned": N}')
    .addHelpText('after', `\n${FILTER_HELP}${ACTOR_STDIN}`)
    .action(
      async (
        options: {
          to?: string[];
          case?: string[];
          batch?: number;
          filter?: string;
          rule: (typeof ASSIGN_RULES)[number];
          team?: string;
          json?: boolean;
        },
        command: Command,
      ) => {
        const ctx = CliContext.of(command, io);
        const byFilter = options.batch !== undefined || options.filter !== undefined;
        if (byFilter === (options.case !== undefined)) throw new VaultError('INPUT_REJECTED', 'case.assignWhich');
        const input: InputOf<'case.assign'> = {
          rule: options.rule,
          to: options.to ?? [],
          ...(options.team === undefined ? {} : { team: options.team }),
          ...(byFilter
            ? {
                filter: {
                  ...parseFilter(options.filter ?? ''),
                  ...(options.batch === undefined ? {} : { batchId: options.batch }),
                },
              }
            : { caseNos: options.case }),
        };
        ctx.check('case.assign', input);
        const { assigned } = await ctx.withSession(() => ctx.call('case.assign', input));
        if (options.json) await ctx.out.json({ assigned });
        else await ctx.out.line(`assigned ${assigned} case${assigned === 1 ? '' : 's'}`);
      },
    );
}
