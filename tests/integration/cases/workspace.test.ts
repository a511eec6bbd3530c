/**
 * The agent's workspace through the router, on both stores: who sees which case (an agent their
 * own, a lead their team's and the unassigned, a director all), masking per place, search through
 * the blind index, audited reveal and copy, and assignment by each rule, all logged.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../../electron/core/audit/audit-service';
import { openCaseField } from '../../../electron/core/cases/case-reader';
import { routed } from '../../fixtures/router';
import { behindTheCore } from '../../fixtures/behind-the-core';
import { freshVault } from '../../fixtures/vault';
import { TEAM_1, TEAM_2, workspace, type Person, type Workspace } from '../../fixtures/workspace';
import { sql } from '../../../electron/core/store/sql';

let ws: Workspace;
let cleanupVault: () => Promise<void>;
/** Case numbers: agent1's 20 (10 direct, 10 by turn), agent2's 10, team 2's pool of 30. */
let own1: string[];
let own2: string[];
let pool2: string[];

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { key?: string }) => e.key,
  );

beforeAll(async () => {
  const v = await freshVault();
  cleanupVault = v.cleanup;
  ws = await workspace(v);
  const [direct, byTurn, team2] = [ws.caseNos.slice(0, 10), ws.caseNos.slice(10, 30), ws.caseNos.slice(30, 60)];
  const lead1 = await ws.as('lead1');
  await lead1.call('case.assign', { caseNos: direct, to: ['ws.agent1'] });
  await lead1.call('case.assign', { caseNos: byTurn, rule: 'roundRobin', to: ['ws.agent1', 'ws.agent2'] });
  await lead1.session.logout();
  const director = await ws.as('director');
  await director.call('case.assign', { caseNos: team2, to: [], team: TEAM_2 });
  await director.session.logout();
  own1 = [...direct, ...byTurn.filter((_, i) => i % 2 === 0)];
  own2 = byTurn.filter((_, i) => i % 2 === 1);
  pool2 = team2;
}, 240_000);

afterAll(async () => {
  await ws.cleanup();
  await cleanupVault();
});

describe('who sees which case', () => {
  // 200 cases: 30 with team 1 (all assigned), 30 in team 2's pool, 140 with no team.
  it.each<[Person, number]>([
    ['agent1', 20],
    ['agent2', 10],
    ['agent3', 0],
    ['lead1', 30 + 140],
    ['lead2', 30 + 140],
    ['director', 200],
    ['qc', 200],
    ['cs', 0],
    ['it', 0],
  ])('%s sees %i cases through count and list', async (who, n) => {
    const { session, call } = await ws.as(who);
    expect(await call('case.count', {})).toEqual({ count: n });
    const list = await call('case.list', { filter: {}, limit: 500 });
    expect(list.total).toBe(n);
    expect(list.rows).toHaveLength(n);
    await session.logout();
  });

  it("an agent's list holds exactly their own cases; another's case is as unknown as none", async () => {
    const { session, call } = await ws.as('agent1');
    const list = await call('case.list', { filter: {}, sort: 'caseNo', descending: false, limit: 500 });
    expect(list.rows.map((r) => r.caseNo)).toEqual([...own1].sort());
    expect(new Set(list.rows.map((r) => r.assignee))).toEqual(new Set(['ws.agent1']));
    for (const other of [own2[0]!, pool2[0]!, ws.caseNos[199]!]) {
      expect(await refusal(call('case.get', { caseNo: other }))).toBe('case.unknown');
      expect(await refusal(call('case.reveal', { caseNo: other, field: 'mobile', reason: 'identityCheck' }))).toBe(
        'case.unknown',
      );
    }
    expect(await refusal(call('case.get', { caseNo: 'NO-SUCH-CASE' }))).toBe('case.unknown');
    // Agents don't assign: refused by the router for want of the permission.
    expect(await refusal(call('case.assign', { caseNos: [own1[0]!], to: ['ws.agent2'] }))).toBe('permission.denied');
    await session.logout();
  });

  it("a lead sees the team's cases and the unassigned, not another team's", async () => {
    const { session, call } = await ws.as('lead1');
    expect((await call('case.get', { caseNo: own2[0]! })).assignee).toBe('ws.agent2');
    expect(await refusal(call('case.get', { caseNo: pool2[0]! }))).toBe('case.unknown');
    const mine = await call('case.list', { filter: { view: 'unassigned' }, limit: 500 });
    expect(mine.total).toBe(140);
    await session.logout();
  });
});

describe('masking per place', () => {
  it('shows the assigned agent the full name, everyone else a mask; every number masked', async () => {
    const { session, call } = await ws.as('agent1');
    const caseNo = own1[0]!;
    const page = await call('case.get', { caseNo });
    const fullName = await openCaseField(session.vault, session.vault.db, caseNo, 'name');
    expect(page.name).toBe(fullName);
    const id = page.fields.find((f) => f.field === 'idNumber')!.value;
    expect(id).toMatch(/^\d\*{14}\d{2}[\dX]$/);
    expect(page.fields.find((f) => f.field === 'mobile')!.value).toMatch(/^1\d{2}\*{4}\d{4}$/);
    expect(page.fields.find((f) => f.field === 'homeAddress')!.value).toMatch(/\*\*\*$/);
    const row = (await call('case.list', { filter: { search: { kind: 'caseNo', text: caseNo } } })).rows[0]!;
    expect(row.name).not.toBe(fullName);
    expect(row.name!.startsWith([...fullName!][0]!)).toBe(true);
    expect(row.name).toMatch(/\*+$/);
    await session.logout();

    const lead = await ws.as('lead1');
    expect((await lead.call('case.get', { caseNo })).name).toBe(row.name);
    await lead.session.logout();
  });

  it('shows nothing of a stored case: no values, no reveal', async () => {
    const caseNo = own1[1]!;
    const { session, call } = await ws.as('agent1');
    await behindTheCore(session, `UPDATE cases SET state = 'stored' WHERE case_no = '${caseNo}'`);
    try {
      const page = await call('case.get', { caseNo });
      expect(page).toMatchObject({ state: 'stored', showable: false, name: null, fields: [], contacts: [] });
      expect(await refusal(call('case.reveal', { caseNo, field: 'idNumber', reason: 'identityCheck' }))).toBe(
        'case.notShowable',
      );
      const row = (await call('case.list', { filter: { search: { kind: 'caseNo', text: caseNo } } })).rows[0]!;
      expect(row).toMatchObject({ name: null, mobile: null });
    } finally {
      await behindTheCore(session, `UPDATE cases SET state = 'open' WHERE case_no = '${caseNo}'`);
      await session.logout();
    }
  });
});

describe('search', () => {
  it("finds one's own case by exact phone, ID, card and name, and nobody else's", async () => {
    const { session, call } = await ws.as('agent1');
    const { vault } = session;
    const mine = own1[2]!;
    const theirs = own2[0]!;
    for (const [kind, column] of [
      ['phone', 'mobile'],
      ['id', 'id_number'],
      ['card', 'card_number'],
      ['name', 'name'],
    ] as const) {
      const value = (await openCaseField(vault, vault.db, mine, column))!;
      const found = await call('case.list', { filter: { search: { kind, text: value } } });
      expect(
        found.rows.map((r) => r.caseNo),
        kind,
      ).toContain(mine);
      const other = (await openCaseField(vault, vault.db, theirs, column))!;
      const none = await call('case.list', { filter: { search: { kind, text: other } } });
      expect(
        none.rows.map((r) => r.caseNo),
        kind,
      ).not.toContain(theirs);
    }
    expect(await refusal(call('case.list', { filter: { search: { kind: 'phone', text: '12ab' } } }))).toBe(
      'case.searchInvalid',
    );
    // Searches are logged by kind and count, never with the value searched for.
    const events = await listAudit(session, { action: 'case.searched', limit: 50 });
    expect(events.events.length).toBeGreaterThanOrEqual(8);
    const phone = (await openCaseField(vault, vault.db, mine, 'mobile'))!;
    expect(JSON.stringify(events.events)).not.toContain(phone);
    await session.logout();
  });
});

describe('reveal and copy', () => {
  it('reveals one field with a reason, logged; refuses without recent sign-in or a note for "other"', async () => {
    const { session, call } = await ws.as('agent1');
    const caseNo = own1[3]!;
    const revealed = await call('case.reveal', { caseNo, field: 'idNumber', reason: 'identityCheck' });
    expect(revealed).toEqual({
      value: await openCaseField(session.vault, session.vault.db, caseNo, 'id_number'),
      seconds: 30,
    });
    const contact = await call('case.reveal', { caseNo, field: 'contactPhone', ordinal: 1, reason: 'debtorRequest' });
    expect(contact.value).toMatch(/^\d{7,}/);
    expect(await refusal(call('case.reveal', { caseNo, field: 'idNumber', reason: 'other' }))).toBe(
      'case.noteRequired',
    );
    const events = await listAudit(session, { action: 'case.revealed', limit: 10 });
    expect(events.events[0]).toMatchObject({
      object: caseNo,
      detail: { field: 'contactPhone', ordinal: 1, reason: 'debtorRequest' },
    });
    expect(JSON.stringify(events.events)).not.toContain(revealed.value);
    // Past the re-authentication window, a reveal needs the password again.
    ws.env.clock.advance(session.vault.policy.reauthMinutes * 60_000 + 1000);
    expect(await refusal(call('case.reveal', { caseNo, field: 'idNumber', reason: 'identityCheck' }))).toBe(
      'session.reauth',
    );
    await call('session.reauth', { password: 'Initial9pass' });
    expect((await call('case.reveal', { caseNo, field: 'cardNumber', reason: 'repayment' })).value).toMatch(
      /^\d{12,19}$/,
    );
    await session.logout();
  });

  it('copies only a value revealed in the last 30 s, through the seat’s clipboard, logged', async () => {
    const { session } = await ws.as('agent1');
    const copied: string[] = [];
    const { Workstation, memoryDataDirStore } = await import('../../../electron/core/api/workstation');
    const { createRouter } = await import('../../../electron/core/api/router');
    const { CJK_FONT } = await import('../../../electron/core/ledger/font');
    const seat = new Workstation(memoryDataDirStore(session.vault.dataDir), session.vault.env, {
      fontPath: CJK_FONT,
      copyToClipboard: (text) => void copied.push(text),
    });
    seat.begin(session);
    const router = createRouter(seat, () => undefined);
    const caseNo = own1[4]!;
    expect(await router.call('case.copy', { caseNo, field: 'mobile' })).toMatchObject({
      ok: false,
      key: 'case.revealFirst',
    });
    expect((await router.call('case.reveal', { caseNo, field: 'mobile', reason: 'identityCheck' })).ok).toBe(true);
    expect(await router.call('case.copy', { caseNo, field: 'mobile' })).toEqual({ ok: true, value: { seconds: 30 } });
    expect(copied).toEqual([await openCaseField(session.vault, session.vault.db, caseNo, 'mobile')]);
    ws.env.clock.advance(31_000);
    expect(await router.call('case.copy', { caseNo, field: 'mobile' })).toMatchObject({
      ok: false,
      key: 'case.revealFirst',
    });
    expect((await listAudit(session, { action: 'case.copied', limit: 5 })).events).toHaveLength(1);
    // Without a clipboard (the CLI), nothing to copy to.
    expect(await refusal(routed(session)('case.copy', { caseNo, field: 'mobile' }))).toBe('case.noClipboard');
    await seat.endSession('logout');
  });
});

describe('assignment', () => {
  it('deals by amount so each agent gets the same mix, keeps every change and logs their digest', async () => {
    const { session, call } = await ws.as('lead2');
    const [a, b] = [pool2.slice(0, 20), pool2.slice(20)];
    await call('case.assign', { caseNos: a, rule: 'amountBand', to: ['ws.agent3', 'ws.lead2'] });
    const list = await call('case.list', { filter: { view: 'all' }, limit: 500 });
    const mine = list.rows.filter((r) => a.includes(r.caseNo));
    const total = (who: string) => mine.filter((r) => r.assignee === who).reduce((s, r) => s + r.amountFen, 0);
    const most = Math.max(...mine.map((r) => r.amountFen));
    expect(mine.filter((r) => r.assignee === 'ws.agent3')).toHaveLength(10);
    expect(Math.abs(total('ws.agent3') - total('ws.lead2'))).toBeLessThanOrEqual(most);
    // First contact is due 48 h after assignment.
    const row = mine[0]!;
    expect(row.firstContactDue! - row.assignedAt!).toBe(48 * 3_600_000);
    const event = (await listAudit(session, { action: 'case.assigned', limit: 1 })).events[0]!;
    expect(event.detail).toMatchObject({
      rule: 'amountBand',
      count: 20,
      casesSha256: createHash('sha256')
        .update([...a].sort().join('\n'))
        .digest('hex'),
    });
    const kept = await session.vault.db.get<{ n: number | string }>(
      sql`SELECT count(*) AS n FROM case_assignments WHERE case_id IN (SELECT id FROM cases WHERE case_no = ${a[0]!})`,
    );
    expect(Number(kept?.n)).toBe(2);
    // Within the team only; nothing half-done when refused.
    expect(await refusal(call('case.assign', { caseNos: b, to: ['ws.agent1'] }))).toBe('case.otherTeam');
    expect(await refusal(call('case.assign', { caseNos: [...b, own1[0]!], to: ['ws.agent3'] }))).toBe('case.unknown');
    expect((await call('case.list', { filter: { view: 'unassigned' }, limit: 500 })).total).toBe(140 + 10);
    // By filter: the rest of the pool, in turn.
    await call('case.assign', {
      filter: { view: 'unassigned', minFen: 0 },
      caseNos: undefined,
      rule: 'roundRobin',
      to: ['ws.agent3'],
    });
    expect((await call('case.count', {})).count).toBe(30 + 140);
    await session.logout();
  });

  it('refuses what a team is not set up for', async () => {
    const { session, call } = await ws.as('director');
    expect(await refusal(call('case.assign', { caseNos: [ws.caseNos[199]!], to: ['ws.lead1', 'ws.agent1'] }))).toBe(
      'case.oneAgent',
    );
    expect(await refusal(call('case.assign', { caseNos: [ws.caseNos[199]!], to: ['ws.director'] }))).toBe(
      'case.notAnAgent',
    );
    expect(await refusal(call('case.assign', { caseNos: [ws.caseNos[199]!], to: ['ws.agent1'], team: TEAM_2 }))).toBe(
      'case.agentOtherTeam',
    );
    expect(await refusal(call('case.assign', { caseNos: [ws.caseNos[199]!], to: [], team: 'No such team' }))).toBe(
      'team.unknown',
    );
    await session.logout();
  });
});

describe('teams', () => {
  it('are listed whole for IT and directors, a member sees only their own; changes are logged', async () => {
    const it_ = await ws.as('it');
    expect((await it_.call('team.list', {})).map((t) => t.name).sort()).toEqual([TEAM_1, TEAM_2].sort());
    expect(await refusal(it_.call('team.create', { name: TEAM_1 }))).toBe('team.exists');
    const actions = (await listAudit(it_.session, { limit: 500 })).events.map((r) => r.action);
    expect(actions.filter((a) => a === 'team.created')).toHaveLength(2);
    expect(actions.filter((a) => a === 'team.memberAdded')).toHaveLength(5);
    await it_.session.logout();
    const agent = await ws.as('agent1');
    const teams = await agent.call('team.list', {});
    expect(teams.map((t) => t.name)).toEqual([TEAM_1]);
    expect(teams[0]!.members[0]).toMatchObject({ username: 'ws.lead1', lead: true });
    expect(await refusal(agent.call('team.create', { name: 'Mine' }))).toBe('permission.denied');
    await agent.session.logout();
  });
});
