/**
 * The case list (the agent's workspace, and a lead's or director's): one page of the cases the
 * caller may see, filtered, sorted and searched, with masked values only. An exact search by
 * name, phone, ID or card goes through the blind index: nothing is decrypted to find a case.
 */
import type { CaseSort } from '../../../shared/cases';
import type { CaseFilter, CaseRow } from '../../../shared/contract';
import { accountByUsername } from '../accounts/account-repository';
import { fail } from '../errors';
import type { Session } from '../session/session';
import { joinSql, rawSql, sql, type Sql } from '../store/sql';
import { assignmentOf, namesOf, num } from './case-assignment';
import type { LookupField } from './case-keys';
import { inView, visible, type CaseScope } from './case-scope';
import { checkIdNumber } from './id-number';
import { TOKEN_COLUMNS } from './migrations/0014-token-columns';

const SORT_COLUMN: Record<CaseSort, string> = {
  daysOverdue: 'c.days_overdue',
  amount: 'c.amount_assigned_fen',
  caseNo: 'c.case_no',
  assignedAt: 'c.assigned_at',
  lastContact: 'c.last_contact_at',
};

/** The search text as its blind index holds it (or a refusal naming what is wrong). */
function searchValue(kind: Exclude<CaseFilter['search'], undefined>['kind'], text: string, today: Date): string {
  const digits = text.replace(/[\s-]/g, '');
  switch (kind) {
    case 'phone':
      if (!/^\+?\d{7,20}$/.test(digits)) fail('INPUT_REJECTED', 'case.searchInvalid');
      return digits.replace(/^\+?86(?=1\d{10}$)/, '');
    case 'card':
      if (!/^\d{12,19}$/.test(digits)) fail('INPUT_REJECTED', 'case.searchInvalid');
      return digits;
    case 'id': {
      const id = checkIdNumber(digits, today);
      if (!id.ok) fail('INPUT_REJECTED', 'case.searchInvalid');
      return id.value;
    }
    default:
      return text;
  }
}

/** The WHERE of a filter in a scope (shared by the list, the count and a bulk assignment). */
export async function filterSql(session: Session, scope: CaseScope, filter: CaseFilter): Promise<Sql> {
  const { db } = session.vault;
  const where: Sql[] = [visible(scope), inView(scope, filter.view)];
  if (filter.batchId !== undefined) where.push(sql`c.batch_id = ${filter.batchId}`);
  if (filter.state !== undefined) where.push(sql`c.state = ${filter.state}`);
  if (filter.minFen !== undefined) where.push(sql`c.amount_assigned_fen >= ${filter.minFen}`);
  if (filter.maxFen !== undefined) where.push(sql`c.amount_assigned_fen <= ${filter.maxFen}`);
  if (filter.minDaysOverdue !== undefined) where.push(sql`c.days_overdue >= ${filter.minDaysOverdue}`);
  if (filter.assignee !== undefined) {
    const account = await accountByUsername(db, filter.assignee);
    if (!account) fail('INPUT_REJECTED', 'account.unknown');
    where.push(sql`c.assignee_id = ${account.id}`);
  }
  const search = filter.search;
  if (search?.kind === 'caseNo') {
    const prefix = search.text.replace(/[\\%_]/g, (m) => `\\${m}`);
    where.push(sql`(c.case_no = ${search.text} OR c.case_no LIKE ${`${prefix}%`} ESCAPE '\\')`);
  } else if (search) {
    const value = searchValue(search.kind, search.text, new Date(session.vault.now()));
    const keys = await session.vault.openCaseKeys(db, false);
    if (!keys) where.push(rawSql('1 = 0'));
    else {
      const field: LookupField = search.kind;
      const token = keys.token(field, value);
      keys.wipe();
      where.push(tokenMatch(field, token));
    }
  }
  return joinSql(where, ' AND ');
}

/** Cases whose `field` has this blind-index token: in any column of that field, and a phone in a contact's too. */
function tokenMatch(field: LookupField, token: Buffer): Sql {
  const columns = Object.entries(TOKEN_COLUMNS).filter(([, f]) => f === field);
  const matches = columns.map(([column]) => sql`c.${rawSql(`${column}_token`)} = ${token}`);
  if (field === 'phone')
    matches.push(sql`c.id IN (SELECT k.case_id FROM case_contacts k WHERE k.phone_token = ${token})`);
  return sql`(${joinSql(matches, ' OR ')})`;
}

interface RawRow extends Record<string, unknown> {
  case_no: string;
  batch_no: string;
  state: CaseRow['state'];
  name_mask: string | null;
  mobile_mask: string | null;
  amount_assigned_fen: number | string;
  days_overdue: number | string | null;
}

export async function listCases(
  session: Session,
  scope: CaseScope,
  input: { filter: CaseFilter; sort: CaseSort; descending: boolean; offset: number; limit: number },
): Promise<{ total: number; rows: CaseRow[] }> {
  const { db } = session.vault;
  const where = await filterSql(session, scope, input.filter);
  const column = rawSql(SORT_COLUMN[input.sort]);
  const direction = rawSql(input.descending ? 'DESC' : 'ASC');
  const [count, raw, names] = await Promise.all([
    db.get<{ n: number | string }>(sql`SELECT count(*) AS n FROM cases c WHERE ${where}`),
    // Values of a stored or destroyed case are never shown, masked or not.
    db.all<RawRow>(sql`
      SELECT c.id, c.case_no, b.batch_no, c.state,
             CASE WHEN c.state IN ('open', 'closed') THEN c.name_mask END AS name_mask,
             CASE WHEN c.state IN ('open', 'closed') THEN c.mobile_mask END AS mobile_mask,
             c.amount_assigned_fen, c.days_overdue, c.assignee_id, c.team_id, c.assigned_at,
             c.last_contact_at, c.next_action_at, c.first_contact_hours
      FROM cases c JOIN batches b ON b.id = c.batch_id
      WHERE ${where}
      ORDER BY (${column} IS NULL), ${column} ${direction}, c.id
      LIMIT ${input.limit} OFFSET ${input.offset}`),
    namesOf(db),
  ]);
  if (input.filter.search && input.filter.search.kind !== 'caseNo')
    await session.log(
      session.event('case.searched', 'ok', null, { kind: input.filter.search.kind, matched: Number(count?.n ?? 0) }),
    );
  const rows = raw.map((r): CaseRow => ({
    caseNo: r.case_no,
    batchNo: r.batch_no,
    state: r.state,
    name: r.name_mask,
    mobile: r.mobile_mask,
    amountFen: Number(r.amount_assigned_fen),
    daysOverdue: num(r.days_overdue),
    ...assignmentOf(r, names, session.vault.policy.firstContactHours),
  }));
  return { total: Number(count?.n ?? 0), rows };
}

/** How many cases the caller may see (of one batch). */
export async function countVisible(session: Session, scope: CaseScope, batchId?: number): Promise<number> {
  const where = batchId === undefined ? visible(scope) : sql`${visible(scope)} AND c.batch_id = ${batchId}`;
  const row = await session.vault.db.get<{ n: number | string }>(sql`SELECT count(*) AS n FROM cases c WHERE ${where}`);
  return Number(row?.n ?? 0);
}
