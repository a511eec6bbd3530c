/**
 * Who sees which case (policy.md: 只准读取其职责范围内的案件资料), decided here for every case
 * procedure: whoever holds `case.readAll` (director, 品控) sees every case; a team's lead sees the
 * team's cases and those no team holds yet; everyone else, the cases assigned to them, nothing more.
 */
import type { CaseView } from '../../../shared/cases';
import type { Session } from '../session/session';
import { rawSql, sql, type Sql } from '../store/sql';
import { membershipOf } from '../teams/team-repository';

export type CaseScope =
  | { kind: 'all'; accountId: number }
  | { kind: 'team'; accountId: number; teamId: number }
  | { kind: 'own'; accountId: number };

export async function caseScope(session: Session): Promise<CaseScope> {
  const accountId = session.account.id;
  if (session.can('case.readAll')) return { kind: 'all', accountId };
  const member = await membershipOf(session.vault.db, accountId);
  if (member?.lead) return { kind: 'team', accountId, teamId: member.teamId };
  return { kind: 'own', accountId };
}

/** The condition on `cases c` that keeps only what the scope may see. */
export function visible(scope: CaseScope): Sql {
  switch (scope.kind) {
    case 'all':
      return rawSql('1 = 1');
    case 'team':
      // Unary + keeps SQLite from serving this OR from the team and assignee indexes (a scan of the
      // whole pool) when a case number or id already picks a few rows.
      return sql`(+c.team_id = ${scope.teamId} OR (+c.team_id IS NULL AND +c.assignee_id IS NULL) OR +c.assignee_id = ${scope.accountId})`;
    case 'own':
      return sql`c.assignee_id = ${scope.accountId}`;
  }
}

/** A view within the scope: one's own cases, the pool not yet given to an agent, or all. */
export function inView(scope: CaseScope, view: CaseView): Sql {
  if (view === 'mine') return sql`c.assignee_id = ${scope.accountId}`;
  if (view === 'unassigned') return rawSql('c.assignee_id IS NULL');
  return rawSql('1 = 1');
}
