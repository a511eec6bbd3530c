/**
 * `cases assign --filter EXPR` and `cases list --filter EXPR`: comma-separated terms, each one
 * condition on the cases the caller sees — `amount>=5000` and `amount<=20000` (yuan),
 * `days>=90` (overdue), `state=open`, `view=mine|unassigned|all`, `assignee=NAME`.
 */
import { CASE_STATES, CASE_VIEWS, type CaseState, type CaseView } from '../../shared/cases';
import type { CaseFilter } from '../../shared/contract';
import { parseYuan } from '../core/cases/money';
import { VaultError } from '../core/errors';

export const FILTER_HELP =
  'EXPR: comma-separated terms: amount>=YUAN, amount<=YUAN, days>=N (overdue), state=open|closed|stored|destroyed, view=mine|unassigned|all, assignee=NAME';

type FilterInput = Omit<Partial<CaseFilter>, 'search'>;

export function parseFilter(expr: string): FilterInput {
  const filter: FilterInput = {};
  for (const raw of expr.split(',')) {
    const term = raw.trim();
    if (term === '') continue;
    const m = /^(amount|days|state|view|assignee)\s*(>=|<=|=)\s*(\S.*)$/.exec(term);
    const bad = () => new VaultError('USAGE', 'usage.filter', { term });
    if (!m) throw bad();
    const [, key, op, value] = m as unknown as [string, string, string, string];
    if (key === 'amount' && op !== '=') {
      const amount = parseYuan(value);
      if (!amount.ok) throw bad();
      if (op === '>=') filter.minFen = amount.fen;
      else filter.maxFen = amount.fen;
    } else if (key === 'days' && op === '>=' && /^\d{1,5}$/.test(value)) filter.minDaysOverdue = Number(value);
    else if (key === 'state' && op === '=' && (CASE_STATES as readonly string[]).includes(value))
      filter.state = value as CaseState;
    else if (key === 'view' && op === '=' && (CASE_VIEWS as readonly string[]).includes(value))
      filter.view = value as CaseView;
    else if (key === 'assignee' && op === '=') filter.assignee = value;
    else throw bad();
  }
  return filter;
}
