/**
 * Teams as IT or a director sets them up: a team by name, accounts put in (moved from their
 * former team) as lead or member, or taken out. Each change logged with it. Who sees a team:
 * those who manage teams or see every case see all; a member, their own.
 */
import type { z } from 'zod';
import type { TeamView } from '../../../shared/contract';
import { accountByUsername, listAccounts } from '../accounts/account-repository';
import { fail } from '../errors';
import type { Session } from '../session/session';
import {
  allMembers,
  insertTeam,
  listTeams,
  membershipOf,
  removeMember,
  setMember,
  teamByName,
} from './team-repository';

export async function teamsFor(session: Session): Promise<z.infer<typeof TeamView>[]> {
  const { db } = session.vault;
  const [teams, members, accounts] = await Promise.all([listTeams(db), allMembers(db), listAccounts(db)]);
  const mine = await membershipOf(db, session.account.id);
  const seesAll = session.can('team.manage') || session.can('case.readAll');
  const byId = new Map(accounts.map((a) => [a.id, a]));
  return teams
    .filter((t) => seesAll || t.id === mine?.teamId)
    .map((t) => ({
      name: t.name,
      members: members
        .filter((m) => m.teamId === t.id)
        .flatMap((m) => {
          const a = byId.get(m.accountId);
          return a && a.state === 'active'
            ? [{ username: a.username, displayName: a.displayName, role: a.role, lead: m.lead }]
            : [];
        })
        .sort((a, b) => Number(b.lead) - Number(a.lead) || (a.username < b.username ? -1 : 1)),
    }));
}

export async function createTeam(session: Session, name: string): Promise<void> {
  if (await teamByName(session.vault.db, name)) fail('INPUT_REJECTED', 'team.exists');
  await session.audited(async (tx) => {
    await insertTeam(tx, name, session.account.id, session.vault.now());
    return { value: null, event: session.event('team.created', 'ok', name, {}) };
  });
}

export async function addMember(session: Session, teamName: string, username: string, lead: boolean): Promise<void> {
  const { db } = session.vault;
  const team = await teamByName(db, teamName);
  if (!team) fail('INPUT_REJECTED', 'team.unknown');
  const account = await accountByUsername(db, username);
  if (!account) fail('INPUT_REJECTED', 'account.unknown');
  if (account.state !== 'active') fail('INPUT_REJECTED', 'account.closed');
  await session.audited(async (tx) => {
    await setMember(tx, { accountId: account.id, teamId: team.id, lead }, session.vault.now());
    return { value: null, event: session.event('team.memberAdded', 'ok', account.username, { team: team.name, lead }) };
  });
}

export async function takeOut(session: Session, username: string): Promise<void> {
  const { db } = session.vault;
  const account = await accountByUsername(db, username);
  if (!account) fail('INPUT_REJECTED', 'account.unknown');
  const member = await membershipOf(db, account.id);
  const team = member && (await listTeams(db)).find((t) => t.id === member.teamId);
  if (!team) fail('INPUT_REJECTED', 'team.notMember');
  await session.audited(async (tx) => {
    if (!(await removeMember(tx, account.id))) fail('INPUT_REJECTED', 'team.notMember');
    return { value: null, event: session.event('team.memberRemoved', 'ok', account.username, { team: team.name }) };
  });
}
