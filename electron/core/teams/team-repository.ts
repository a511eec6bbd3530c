/** 组 — the teams domain's tables: the only code that reads or writes `teams` and `team_members`. */
import { sql } from '../store/sql';
import type { Queryable } from '../store/store';

export interface Team {
  id: number;
  name: string;
}

export interface TeamMember {
  accountId: number;
  teamId: number;
  lead: boolean;
}

interface MemberRow {
  account_id: number | string;
  team_id: number | string;
  lead: number | string;
}

const toMember = (r: MemberRow): TeamMember => ({
  accountId: Number(r.account_id),
  teamId: Number(r.team_id),
  lead: Number(r.lead) === 1,
});

export async function listTeams(db: Queryable): Promise<Team[]> {
  const rows = await db.all<{ id: number | string; name: string }>(sql`SELECT id, name FROM teams ORDER BY name`);
  return rows.map((r) => ({ id: Number(r.id), name: r.name }));
}

export async function teamByName(db: Queryable, name: string): Promise<Team | undefined> {
  const row = await db.get<{ id: number | string; name: string }>(sql`SELECT id, name FROM teams WHERE name = ${name}`);
  return row && { id: Number(row.id), name: row.name };
}

export async function insertTeam(tx: Queryable, name: string, by: number, at: number): Promise<number> {
  const row = await tx.get<{ id: number | string }>(
    sql`INSERT INTO teams (name, created_by, created_at) VALUES (${name}, ${by}, ${at}) RETURNING id`,
  );
  return Number(row!.id);
}

export async function allMembers(db: Queryable): Promise<TeamMember[]> {
  return (await db.all<MemberRow>(sql`SELECT account_id, team_id, lead FROM team_members`)).map(toMember);
}

/** The account's team, if it is in one. */
export async function membershipOf(db: Queryable, accountId: number): Promise<TeamMember | undefined> {
  const row = await db.get<MemberRow>(
    sql`SELECT account_id, team_id, lead FROM team_members WHERE account_id = ${accountId}`,
  );
  return row && toMember(row);
}

/** Puts the account in the team (moving it from another), as lead or member. */
export async function setMember(tx: Queryable, m: TeamMember, at: number): Promise<void> {
  const lead = m.lead ? 1 : 0;
  await tx.run(sql`
    INSERT INTO team_members (account_id, team_id, lead, added_at) VALUES (${m.accountId}, ${m.teamId}, ${lead}, ${at})
    ON CONFLICT (account_id) DO UPDATE SET team_id = excluded.team_id, lead = excluded.lead, added_at = excluded.added_at`);
}

export async function removeMember(tx: Queryable, accountId: number): Promise<boolean> {
  return (await tx.run(sql`DELETE FROM team_members WHERE account_id = ${accountId}`)).changes > 0;
}
