/**
 * 分案 — assigning cases: named ones, or every open case a filter finds in the caller's view, to
 * one agent, spread over several (in turn, or dealt by amount so each gets the same mix of
 * large and small), to a team's pool, or back to it. A lead assigns within their team; a
 * director anywhere. Each assignment is kept in `case_assignments` and logged, in one transaction.
 */
import { createHash } from 'node:crypto';
import type { AssignRule } from '../../../shared/cases';
import type { CaseFilter } from '../../../shared/contract';
import type { Role } from '../../../shared/roles';
import { accountByUsername } from '../accounts/account-repository';
import { fail } from '../errors';
import type { Session } from '../session/session';
import { joinSql, sql } from '../store/sql';
import type { Queryable } from '../store/store';
import { membershipOf, teamByName } from '../teams/team-repository';
import { filterSql } from './case-list';
import { visible, type CaseScope } from './case-scope';

/** Who can be given cases: those who work them. */
const WORKING_ROLES: readonly Role[] = ['agent_phone', 'agent_field', 'team_lead'];
const CHUNK = 500;

export interface AssignInput {
  caseNos?: string[] | undefined;
  filter?: CaseFilter | undefined;
  rule: AssignRule;
  to: string[];
  team?: string | undefined;
}

interface CandidateRow {
  id: number | string;
  case_no: string;
  amount_assigned_fen: number | string;
  state: string;
}

interface Target {
  accountId: number | null;
  teamId: number | null;
}

interface Candidate {
  id: number;
  caseNo: string;
  amountFen: number;
  state: string;
}

async function targets(session: Session, scope: CaseScope, input: AssignInput): Promise<Target[]> {
  const { db } = session.vault;
  const team = input.team === undefined ? undefined : await teamByName(db, input.team);
  if (input.team !== undefined && !team) fail('INPUT_REJECTED', 'team.unknown');
  if (scope.kind === 'team' && team && team.id !== scope.teamId) fail('NOT_PERMITTED', 'case.otherTeam');
  if (scope.kind === 'own') fail('NOT_PERMITTED', 'case.notLead');
  if (input.to.length === 0) {
    // Back to a pool: the named team's, the lead's own, or (a director) no team's.
    const teamId = team?.id ?? (scope.kind === 'team' ? scope.teamId : null);
    return [{ accountId: null, teamId }];
  }
  if (input.rule === 'direct' && input.to.length > 1) fail('INPUT_REJECTED', 'case.oneAgent');
  if (new Set(input.to).size !== input.to.length) fail('INPUT_REJECTED', 'case.agentTwice');
  const out: Target[] = [];
  for (const username of input.to) {
    const account = await accountByUsername(db, username);
    if (!account) fail('INPUT_REJECTED', 'account.unknown');
    if (account.state !== 'active') fail('INPUT_REJECTED', 'account.closed');
    if (!WORKING_ROLES.includes(account.role)) fail('INPUT_REJECTED', 'case.notAnAgent', { username });
    const member = await membershipOf(db, account.id);
    if (!member) fail('INPUT_REJECTED', 'case.agentNoTeam', { username });
    if (scope.kind === 'team' && member.teamId !== scope.teamId) fail('NOT_PERMITTED', 'case.otherTeam');
    if (team && member.teamId !== team.id) fail('INPUT_REJECTED', 'case.agentOtherTeam', { username });
    out.push({ accountId: account.id, teamId: member.teamId });
  }
  return out;
}

async function candidates(session: Session, scope: CaseScope, input: AssignInput): Promise<Candidate[]> {
  const { db } = session.vault;
  const toCandidate = (r: CandidateRow): Candidate => ({
    id: Number(r.id),
    caseNo: r.case_no,
    amountFen: Number(r.amount_assigned_fen),
    state: r.state,
  });
  if ((input.caseNos === undefined) === (input.filter === undefined)) fail('INPUT_REJECTED', 'case.assignWhich');
  if (input.filter) {
    const where = await filterSql(session, scope, input.filter);
    const rows = await db.all<CandidateRow>(
      sql`SELECT c.id, c.case_no, c.amount_assigned_fen, c.state FROM cases c WHERE ${where} AND c.state = 'open' ORDER BY c.id`,
    );
    return rows.map(toCandidate);
  }
  const wanted = [...new Set(input.caseNos)];
  const found = new Map<string, Candidate>();
  for (let i = 0; i < wanted.length; i += CHUNK) {
    const list = joinSql(
      wanted.slice(i, i + CHUNK).map((n) => sql`${n}`),
      ', ',
    );
    const rows = await db.all<CandidateRow>(
      sql`SELECT c.id, c.case_no, c.amount_assigned_fen, c.state FROM cases c WHERE c.case_no IN (${list}) AND ${visible(scope)}`,
    );
    for (const r of rows) found.set(r.case_no, toCandidate(r));
  }
  const missing = wanted.find((n) => !found.has(n));
  if (missing !== undefined) fail('INPUT_REJECTED', 'case.unknown', { caseNo: missing });
  const closed = [...found.values()].find((c) => c.state !== 'open');
  if (closed) fail('INPUT_REJECTED', 'case.notOpen', { caseNo: closed.caseNo });
  return [...found.values()].sort((a, b) => a.id - b.id);
}

/** Which target each case goes to, by the rule. */
function deal(cases: Candidate[], to: Target[], rule: AssignRule): Map<Target, Candidate[]> {
  const out = new Map<Target, Candidate[]>(to.map((t) => [t, []]));
  if (to.length === 1) {
    out.set(to[0]!, cases);
    return out;
  }
  const order = rule === 'amountBand' ? [...cases].sort((a, b) => b.amountFen - a.amountFen || a.id - b.id) : cases;
  const n = to.length;
  order.forEach((c, i) => {
    // In turn; by amount, dealt back and forth (a snake) so every agent gets each band alike.
    const round = Math.floor(i / n);
    const k = rule === 'amountBand' && round % 2 === 1 ? n - 1 - (i % n) : i % n;
    out.get(to[k]!)!.push(c);
  });
  return out;
}

async function write(tx: Queryable, scope: CaseScope, dealt: Map<Target, Candidate[]>, by: number, at: number) {
  let changed = 0;
  for (const [target, cases] of dealt)
    for (let i = 0; i < cases.length; i += CHUNK) {
      const chunk = cases.slice(i, i + CHUNK);
      const ids = joinSql(
        chunk.map((c) => sql`${c.id}`),
        ', ',
      );
      // Still in the caller's view, still open: otherwise someone changed them meanwhile.
      changed += (
        await tx.run(sql`UPDATE cases SET team_id = ${target.teamId}, assignee_id = ${target.accountId},
                                          assigned_at = ${target.accountId === null ? null : at},
                                          first_contact_hours = NULL
          WHERE id IN (SELECT c.id FROM cases c WHERE c.id IN (${ids}) AND c.state = 'open' AND ${visible(scope)})`)
      ).changes;
      const rows = joinSql(
        chunk.map((c) => sql`(${c.id}, ${target.teamId}, ${target.accountId}, ${by}, ${at})`),
        ', ',
      );
      await tx.run(
        sql`INSERT INTO case_assignments (case_id, team_id, assignee_id, assigned_by, assigned_at) VALUES ${rows}`,
      );
    }
  return changed;
}

export async function assignCases(
  session: Session,
  scope: CaseScope,
  input: AssignInput,
): Promise<{ assigned: number }> {
  const to = await targets(session, scope, input);
  const cases = await candidates(session, scope, input);
  if (cases.length === 0) fail('INPUT_REJECTED', 'case.noneToAssign');
  const dealt = deal(cases, to, input.rule);
  const digest = createHash('sha256')
    .update(
      cases
        .map((c) => c.caseNo)
        .sort()
        .join('\n'),
      'utf8',
    )
    .digest('hex');
  const teamName = input.team ?? null;
  return session.audited(async (tx) => {
    const changed = await write(tx, scope, dealt, session.account.id, session.vault.now());
    if (changed !== cases.length) fail('INPUT_REJECTED', 'case.changedMeanwhile');
    return {
      value: { assigned: changed },
      event: session.event('case.assigned', 'ok', null, {
        rule: input.rule,
        to: input.to,
        team: teamName,
        count: changed,
        casesSha256: digest,
      }),
    };
  });
}
