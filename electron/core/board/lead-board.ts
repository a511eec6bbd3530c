/**
 * 组长看板 — the lead's board (a director or QC: the whole floor): assignments and first contacts
 * overdue, recordings missing, holds and their 3-day deadlines, today's calls against the limits,
 * broken promises; compliance figures beside recovery figures (collection-rules.md: performance
 * views). Each domain answers for its own tables; this only puts the answers together.
 */
import { usernamesById } from '../accounts/account-repository';
import { caseFigures } from '../cases/case-board';
import { caseNosIn } from '../cases/case-reader';
import { caseScope, visible } from '../cases/case-scope';
import { complaintRegister, type ComplaintView } from '../complaints/complaint-register';
import { contactFigures } from '../contacts/contact-board';
import { fail } from '../errors';
import type { Session } from '../session/session';
import { allMembers, listTeams } from '../teams/team-repository';

export interface AgentRow {
  username: string;
  open: number;
  firstContactOverdue: number;
  callsToday: number;
  reachedToday: number;
  recordingsMissing: number;
  promisesBroken: number;
}

export interface LeadBoard {
  team: string | null;
  agents: AgentRow[];
  firstContactOverdue: { caseNo: string; agent: string; due: number }[];
  recordingsMissing: { record: number; caseNo: string; agent: string; at: number }[];
  holds: ComplaintView[];
  promisesBroken: { record: number; caseNo: string; agent: string; amountFen: number; on: string; paidFen: number }[];
  compliance: { connected: number; referenced: number; firstContactOverdue: number; holdsOverdue: number };
  recovery: { recoveredFen: number; promisesKept: number; promisesBroken: number };
}

export async function leadBoard(session: Session): Promise<LeadBoard> {
  const { db } = session.vault;
  const scope = await caseScope(session);
  if (scope.kind === 'own') fail('NOT_PERMITTED', 'board.notLead');
  const now = session.vault.now();
  const teamId = scope.kind === 'team' ? scope.teamId : null;
  const members = (await allMembers(db)).filter((m) => teamId === null || m.teamId === teamId);
  const names = await usernamesById(db);
  const name = (id: number) => names.get(id) ?? '';
  const cases = await caseFigures(db, scope, session.vault.policy.firstContactHours, now);
  const contacts = await contactFigures(db, teamId, teamId === null ? null : members.map((m) => m.accountId), now);
  const caseNos = await caseNosIn(
    db,
    [...new Set([...contacts.missing, ...contacts.broken].map((x) => x.caseId))],
    visible(scope),
  );
  const holds = await complaintRegister(session, scope, { openOnly: true });
  const agentIds = new Set([
    ...members.filter((m) => !m.lead).map((m) => m.accountId),
    ...cases.openByAgent.keys(),
    ...contacts.today.keys(),
  ]);
  const count = <T extends { agentId: number }>(list: readonly T[], id: number) =>
    list.filter((x) => x.agentId === id).length;
  const overdue = cases.overdue.map((o) => ({ ...o, agentId: o.assigneeId }));
  const teamName = teamId === null ? null : ((await listTeams(db)).find((t) => t.id === teamId)?.name ?? null);
  return {
    team: teamName,
    agents: [...agentIds]
      .map((id) => ({
        username: name(id),
        open: cases.openByAgent.get(id) ?? 0,
        firstContactOverdue: count(overdue, id),
        callsToday: contacts.today.get(id)?.calls ?? 0,
        reachedToday: contacts.today.get(id)?.reached ?? 0,
        recordingsMissing: count(contacts.missing, id),
        promisesBroken: count(contacts.broken, id),
      }))
      .sort((a, b) => a.username.localeCompare(b.username)),
    firstContactOverdue: cases.overdue.map((o) => ({ caseNo: o.caseNo, agent: name(o.assigneeId), due: o.due })),
    recordingsMissing: contacts.missing.flatMap((m) => {
      const caseNo = caseNos.get(m.caseId);
      return caseNo ? [{ record: m.record, caseNo, agent: name(m.agentId), at: m.at }] : [];
    }),
    holds,
    promisesBroken: contacts.broken.flatMap((b) => {
      const caseNo = caseNos.get(b.caseId);
      return caseNo
        ? [{ record: b.record, caseNo, agent: name(b.agentId), amountFen: b.amountFen, on: b.on, paidFen: b.paidFen }]
        : [];
    }),
    compliance: {
      connected: contacts.connected,
      referenced: contacts.referenced,
      firstContactOverdue: cases.overdue.length,
      holdsOverdue: holds.filter((h) => h.overdue).length,
    },
    recovery: {
      recoveredFen: contacts.recoveredFen,
      promisesKept: contacts.promisesKept,
      promisesBroken: contacts.broken.length,
    },
  };
}
