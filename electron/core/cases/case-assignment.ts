/**
 * A case's assignment as the list and the case page show it: the agent's and team's names for
 * the ids the row holds, and the first contact's deadline (the policy's hours after assignment,
 * or a manager's extension of the case up to 72, until a contact is recorded).
 */
import type { CaseAssignment } from '../../../shared/contract';
import { listAccounts } from '../accounts/account-repository';
import type { Queryable } from '../store/store';
import { listTeams } from '../teams/team-repository';

export interface Names {
  account: Map<number, string>;
  team: Map<number, string>;
}

/** Account and team names by id (both are few; one read each). */
export async function namesOf(db: Queryable): Promise<Names> {
  const [accounts, teams] = await Promise.all([listAccounts(db), listTeams(db)]);
  return {
    account: new Map(accounts.map((a) => [a.id, a.username])),
    team: new Map(teams.map((t) => [t.id, t.name])),
  };
}

/** A nullable number column (PostgreSQL's bigint arrives as text). */
export const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** The assignment columns of a `cases` row, with names; `hours`: the policy's first-contact hours. */
export function assignmentOf(row: Record<string, unknown>, names: Names, hours: number): CaseAssignment {
  const assignee = num(row.assignee_id);
  const team = num(row.team_id);
  const assignedAt = num(row.assigned_at);
  const lastContactAt = num(row.last_contact_at);
  return {
    assignee: assignee === null ? null : (names.account.get(assignee) ?? null),
    team: team === null ? null : (names.team.get(team) ?? null),
    assignedAt,
    firstContactDue:
      assignedAt === null || lastContactAt !== null
        ? null
        : assignedAt + (num(row.first_contact_hours) ?? hours) * 3_600_000,
    lastContactAt,
    nextActionAt: num(row.next_action_at),
  };
}
