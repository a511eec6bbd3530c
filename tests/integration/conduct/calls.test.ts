/**
 * Calls end to end through the router, on both stores: every rule checked before a number leaves
 * the vault, counters per debtor across cases and agents, one call at a time, 停催 across a
 * debtor's cases, third parties only when 失联, a lead's override of what is above the floor,
 * contact records (append-only, corrections), promises against payments. One timeline: the
 * vault's clock only moves forward (Monday 2026-11-23 10:00 Asia/Shanghai onwards).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../../electron/core/audit/audit-service';
import { seatTimeOn } from '../../../shared/seat-day';
import { conductFloor, FIELD2, NUMBERS, type Conduct } from '../../fixtures/conduct';
import { freshVault } from '../../fixtures/vault';

let floor: Conduct;
let cleanupVault: () => Promise<void>;
let clock: { set(ms: number): void; now(): number };

interface Refusal {
  key: string;
  params?: Record<string, string | number> | undefined;
}
/** 'ok', or the refusal's key and parameters. */
const refusal = (p: Promise<unknown>): Promise<Refusal> =>
  p.then(
    () => ({ key: 'ok' }),
    (e: Refusal) => ({ key: e.key, params: e.params }),
  );
const moveTo = (day: string, hh: number, mm = 0) => clock.set(seatTimeOn(day, hh * 60 + mm));

beforeAll(async () => {
  const v = await freshVault();
  cleanupVault = v.cleanup;
  clock = v.env.clock;
  floor = await conductFloor(v);
}, 300_000);

afterAll(async () => {
  await floor.cleanup();
  await cleanupVault();
});

describe('a call', () => {
  it("shows each number's verdict; a third party is blocked while the debtor is reachable", async () => {
    const agent = await floor.caller('agent1');
    const slots = await agent.call('contact.check', { caseNo: 'CD-1' });
    expect(slots.map((s) => [s.slot, s.mask, s.allowed, s.blockedBy])).toEqual([
      ['mobile', '138****8001', true, null],
      ['contact1', '139****9001', false, 'thirdParty'],
    ]);
    expect(JSON.stringify(slots)).not.toContain(NUMBERS['CD-1'].mobile);
    await agent.logout();
  });

  it('is dialed without the number reaching the caller, logged, and counted for the debtor', async () => {
    const agent = await floor.caller('agent1');
    const started = await agent.call('contact.start', { caseNo: 'CD-1', slot: 'mobile' });
    expect(agent.dialed).toEqual([{ number: NUMBERS['CD-1'].mobile, callNo: started.callNo }]);
    expect(JSON.stringify(started)).not.toContain(NUMBERS['CD-1'].mobile);
    expect(started.dialed).toBe(true);
    const recorded = await agent.call('contact.record', {
      caseNo: 'CD-1',
      outcome: 'PTP',
      promise: { amountFen: 50_000, on: '2026-11-25' },
      note: 'promised, said to call 13800138001 back',
      relation: 'self',
    });
    expect(recorded).toMatchObject({ recording: 'missing', hold: false });
    const history = await agent.call('contact.history', { caseNo: 'CD-1' });
    expect(history[0]).toMatchObject({
      outcome: 'PTP',
      recording: 'missing',
      numberMask: '138****8001',
      agent: 'ws.agent1',
    });
    expect(history[0]!.note).toBe('promised, said to call 138****8001 back');
    await agent.logout();

    // The same debtor's other case, worked by another agent, sees the call.
    const other = await floor.caller('agent2');
    const [mobile] = await other.call('contact.check', { caseNo: 'CD-2' });
    expect(mobile!.counters).toEqual({ reached: 1, attempts: 0, onNumber: 0 });
    await other.logout();
  });

  it('reaches the debtor three times a day at most, across their cases and agents', async () => {
    const agent2 = await floor.caller('agent2');
    await agent2.call('contact.start', { caseNo: 'CD-2', slot: 'mobile' });
    await agent2.call('contact.record', {
      caseNo: 'CD-2',
      outcome: 'CBK',
      note: 'call back tomorrow',
      recorderCall: 'PBX-0001',
      recordingId: 'REC-0001',
    });
    const agent1 = await floor.caller('agent1');
    await agent1.call('contact.start', { caseNo: 'CD-1', slot: 'mobile' });
    await agent1.call('contact.record', { caseNo: 'CD-1', outcome: 'KNOW', note: 'negotiating' });
    // The fourth: refused, naming the rule, the counts and when calling becomes possible.
    const fourth = await refusal(agent2.call('contact.start', { caseNo: 'CD-2', slot: 'mobile' }));
    expect(fourth).toMatchObject({
      key: 'contact.blocked.reachedFloor',
      params: { rule: 'reachedFloor', reached: 3, attempts: 0, next: '2026-11-24 08:00' },
    });
    expect(agent2.dialed).toHaveLength(1);
    await agent1.logout();
    await agent2.logout();

    const it = await floor.as('it');
    const blocked = await listAudit(it.session, { action: 'contact.blocked', limit: 5 });
    expect(blocked.events[0]).toMatchObject({
      object: 'CD-2',
      outcome: 'denied',
      detail: { rule: 'reachedFloor', reached: 3 },
    });
    const started = await listAudit(it.session, { action: 'contact.started', limit: 10 });
    expect(started.events).toHaveLength(3);
    await it.session.logout();
  });

  it('is recorded once, by the agent who made it; a correction points at the record it corrects', async () => {
    const agent1 = await floor.caller('agent1');
    const agent2 = await floor.caller('agent2');
    // agent2 has no call open on CD-1 (not even their case).
    expect((await refusal(agent2.call('contact.record', { caseNo: 'CD-1', outcome: 'NOAS', note: 'x' }))).key).toBe(
      'case.unknown',
    );
    expect((await refusal(agent1.call('contact.record', { caseNo: 'CD-1', outcome: 'NOAS', note: 'x' }))).key).toBe(
      'contact.callFirst',
    );
    const [latest] = await agent1.call('contact.history', { caseNo: 'CD-1' });
    const fix = await agent1.call('contact.record', {
      caseNo: 'CD-1',
      corrects: latest!.id,
      outcome: 'RTP',
      note: 'correction: refused',
    });
    expect(
      (
        await refusal(
          agent1.call('contact.record', { caseNo: 'CD-1', corrects: latest!.id, outcome: 'RTP', note: 'again' }),
        )
      ).key,
    ).toBe('contact.alreadyCorrected');
    const history = await agent1.call('contact.history', { caseNo: 'CD-1' });
    expect(history.find((r) => r.id === latest!.id)?.correctedBy).toBe(fix.record);
    expect(history.find((r) => r.id === fix.record)).toMatchObject({ corrects: latest!.id, outcome: 'RTP' });
    // A promise outcome needs its amount and date; others take none.
    expect(
      (await refusal(agent1.call('contact.record', { caseNo: 'CD-1', inbound: true, outcome: 'PTP', note: 'x' }))).key,
    ).toBe('contact.promiseRequired');
    await agent1.logout();
    await agent2.logout();
  });
});

describe('a complaint (停催)', () => {
  it("on one case stops every call to the debtor's other cases until QC or a lead clears it", async () => {
    const agent2 = await floor.caller('agent2');
    const raised = await agent2.call('complaint.raise', {
      caseNo: 'CD-2',
      grade: 'light',
      reason: 'says calls are too many',
    });
    // Monday's complaint: three working days on.
    expect(raised).toMatchObject({ dueOn: '2026-11-26', cases: 2 });
    expect((await refusal(agent2.call('complaint.clear', { caseNo: 'CD-2', reason: 'resolved' }))).key).toBe(
      'permission.denied',
    );
    await agent2.logout();

    moveTo('2026-11-24', 10);
    const agent1 = await floor.caller('agent1');
    const [mobile] = await agent1.call('contact.check', { caseNo: 'CD-1' });
    expect(mobile).toMatchObject({ allowed: false, blockedBy: 'hold', nextAt: null });
    expect((await refusal(agent1.call('contact.start', { caseNo: 'CD-1', slot: 'mobile' }))).key).toBe(
      'contact.blocked.hold',
    );
    const lead = await floor.caller('lead1');
    const register = await lead.call('complaint.list', {});
    expect(register).toEqual([
      expect.objectContaining({
        caseNo: 'CD-2',
        grade: 'light',
        dueOn: '2026-11-26',
        overdue: false,
        reason: 'says calls are too many',
      }),
    ]);
    expect(await lead.call('complaint.clear', { caseNo: 'CD-2', reason: 'explained the schedule' })).toEqual({
      cleared: 1,
      stillHeld: false,
    });
    expect((await agent1.call('contact.check', { caseNo: 'CD-1' }))[0]!.allowed).toBe(true);
    await lead.logout();
    await agent1.logout();
  });
});

describe('one call at a time', () => {
  it('two calls to the same debtor at once: one is dialed, the other waits for its record', async () => {
    const agent1 = await floor.caller('agent1');
    const agent2 = await floor.caller('agent2');
    const both = await Promise.all([
      refusal(agent1.call('contact.start', { caseNo: 'CD-1', slot: 'mobile' })),
      refusal(agent2.call('contact.start', { caseNo: 'CD-2', slot: 'mobile' })),
    ]);
    expect(both.map((r) => r.key).sort()).toEqual(['contact.blocked.callInProgress', 'ok']);
    expect(agent1.dialed.length + agent2.dialed.length).toBe(1);
    const winner = agent1.dialed.length === 1 ? { a: agent1, caseNo: 'CD-1' } : { a: agent2, caseNo: 'CD-2' };
    const loser = winner.a === agent1 ? { a: agent2, caseNo: 'CD-2' } : { a: agent1, caseNo: 'CD-1' };
    await winner.a.call('contact.record', { caseNo: winner.caseNo, outcome: 'NOAS', note: 'no answer' });
    await loser.a.call('contact.start', { caseNo: loser.caseNo, slot: 'mobile' });
    expect(loser.a.dialed).toHaveLength(1);
    await loser.a.call('contact.record', { caseNo: loser.caseNo, outcome: 'BUSY', note: 'busy' });
    await agent1.logout();
    await agent2.logout();
  });
});

describe('third parties', () => {
  it('are called only once the debtor is 失联, and never again after a refusal', async () => {
    const agent = await floor.caller('agent1');
    for (let i = 0; i < 3; i += 1) {
      const [, contact] = await agent.call('contact.check', { caseNo: 'CD-3' });
      expect(contact!.blockedBy).toBe('thirdParty');
      await agent.call('contact.start', { caseNo: 'CD-3', slot: 'mobile' });
      await agent.call('contact.record', { caseNo: 'CD-3', outcome: 'NOAS', note: `attempt ${i + 1}` });
    }
    await agent.call('contact.start', { caseNo: 'CD-3', slot: 'contact1' });
    expect(agent.dialed.at(-1)?.number).toBe(NUMBERS['CD-3'].contact);
    await agent.call('contact.record', {
      caseNo: 'CD-3',
      outcome: 'NOTK',
      relation: 'friend',
      refused: true,
      note: 'do not call me',
    });
    expect((await refusal(agent.call('contact.start', { caseNo: 'CD-3', slot: 'contact1' }))).key).toBe(
      'contact.blocked.thirdPartyRefused',
    );
    await agent.logout();
  });
});

describe('the contact window', () => {
  it('closes at 20:00; a lead may open it to 22:00 for a case today, never past it', async () => {
    moveTo('2026-11-24', 19, 59);
    const agent = await floor.caller('agent1');
    await agent.call('contact.start', { caseNo: 'CD-4', slot: 'mobile' });
    await agent.call('contact.record', { caseNo: 'CD-4', outcome: 'VM', note: 'voicemail' });
    moveTo('2026-11-24', 20, 0);
    expect(await refusal(agent.call('contact.start', { caseNo: 'CD-4', slot: 'mobile' }))).toMatchObject({
      key: 'contact.blocked.contactWindow',
      params: { next: '2026-11-25 08:00' },
    });
    // The agent's own seat can't lift it, whatever the matrix says.
    expect(
      (await refusal(agent.call('contact.override', { caseNo: 'CD-4', rule: 'contactWindow', reason: 'x1' }))).key,
    ).toBe('permission.denied');
    const lead = await floor.caller('lead1');
    await lead.call('contact.override', {
      caseNo: 'CD-4',
      rule: 'contactWindow',
      reason: 'debtor asked for an evening call',
    });
    moveTo('2026-11-24', 21, 59);
    const late = await agent.call('contact.start', { caseNo: 'CD-4', slot: 'mobile' });
    expect(late.verdict.checks.find((c) => c.rule === 'contactWindow')).toMatchObject({ ok: true, overridden: true });
    await agent.call('contact.record', { caseNo: 'CD-4', outcome: 'NOAS', note: 'no answer' });
    moveTo('2026-11-24', 22, 0);
    expect((await refusal(agent.call('contact.start', { caseNo: 'CD-4', slot: 'mobile' }))).key).toBe(
      'contact.blocked.quietHours',
    );
    await lead.logout();
    await agent.logout();
  });
});

describe('promises', () => {
  it('are broken when less than promised has posted by the date, kept once it has', async () => {
    moveTo('2026-11-26', 9);
    const lead = await floor.caller('lead1');
    expect(
      (await refusal(lead.call('payment.record', { caseNo: 'CD-1', amountFen: 100, paidOn: '2026-11-27' }))).key,
    ).toBe('payment.future');
    await lead.call('payment.record', { caseNo: 'CD-1', amountFen: 30_000, paidOn: '2026-11-24' });
    const agent = await floor.caller('agent1');
    expect(
      (await refusal(agent.call('payment.record', { caseNo: 'CD-1', amountFen: 100, paidOn: '2026-11-24' }))).key,
    ).toBe('permission.denied');
    const promised = async () =>
      (await agent.call('contact.history', { caseNo: 'CD-1' })).find((r) => r.outcome === 'PTP')?.promise;
    expect(await promised()).toMatchObject({ state: 'broken', paidFen: 30_000 });
    await lead.call('payment.record', { caseNo: 'CD-1', amountFen: 20_000, paidOn: '2026-11-25' });
    expect(await promised()).toMatchObject({ state: 'kept', paidFen: 50_000 });
    await lead.logout();
    await agent.logout();
  });
});

describe('the holiday calendar', () => {
  const shipped2026 = readFileSync(path.resolve(import.meta.dirname, '../../../resources/holidays/2026.json'), 'utf8');
  const parsed = JSON.parse(shipped2026) as { year: number; papers: string[]; days: object[] };
  // A corrected notice: Friday 27 November off, Saturday 28 a make-up workday.
  const corrected = JSON.stringify({
    ...parsed,
    days: [
      ...parsed.days,
      { name: '测试调休', date: '2026-11-27', isOffDay: true },
      { name: '测试调休', date: '2026-11-28', isOffDay: false },
    ],
  });
  const file = (over: object) => JSON.stringify({ ...parsed, ...over });

  it.each<[string, string]>([
    ['not json', 'holiday.notJson'],
    [file({ year: 2028 }), 'holiday.wrongYear'],
    [file({ papers: [] }), 'holiday.noNotice'],
    [file({ days: [{ name: 'x', date: '2026-02-30', isOffDay: true }] }), 'holiday.badDate'],
    [file({ days: [{ name: 'x', date: '2027-01-01', isOffDay: true }] }), 'holiday.dateOutsideYear'],
    [file({ days: [{ name: 'x', date: '2026-11-27', isOffDay: false }] }), 'holiday.makeUpOnWeekday'],
    [
      file({
        days: [
          { name: 'x', date: '2026-11-27', isOffDay: true },
          { name: 'y', date: '2026-11-27', isOffDay: true },
        ],
      }),
      'holiday.duplicateDay',
    ],
    [file({ days: 'none' }), 'holiday.format'],
  ])('refuses a bad file (%#): %s', async (text, key) => {
    const it = await floor.as('it');
    expect((await refusal(it.call('holiday.check', { text }))).key).toBe(key);
    await it.session.logout();
  });

  it('imports a year only with a second person holding holiday.approve, then follows its days', async () => {
    const it = await floor.as('it');
    const diff = await it.call('holiday.check', { text: corrected });
    expect(diff).toMatchObject({
      year: 2026,
      added: [
        { date: '2026-11-27', off: true },
        { date: '2026-11-28', off: false },
      ],
      removed: [],
      changed: [],
    });
    expect(diff.replaces).toMatch(/^[0-9a-f]{64}$/);
    const tryWith = (approval?: { username: string; password: string }) =>
      refusal(it.call('holiday.import', { text: corrected, sha256: diff.sha256, ...(approval ? { approval } : {}) }));
    expect((await tryWith()).key).toBe('approval.required');
    expect((await tryWith({ username: 'ws.agent1', password: 'Initial9pass' })).key).toBe(
      'approval.notHolidayApprover',
    );
    expect((await tryWith({ username: 'it.chen', password: 'Vault2026pass' })).key).toBe('approval.notRequester');
    expect((await tryWith({ username: 'ws.director', password: 'Initial9pass' })).key).toBe('ok');
    expect((await tryWith({ username: 'ws.director', password: 'Initial9pass' })).key).toBe('holiday.sameFile');
    const calendar = await it.call('holiday.calendar', {});
    expect(calendar.years.find((y) => y.year === 2026)).toMatchObject({
      source: 'imported',
      importedBy: 'it.chen',
      approvedBy: 'ws.director',
      sha256: diff.sha256,
    });
    // Past 1 November with no 2027 in the calendar: the warning is up.
    expect(calendar.nextYearMissing).toBe(2027);
    const events = await listAudit(it.session, { limit: 20 });
    const imported = events.events.find((e) => e.action === 'holidays.imported');
    expect(imported).toMatchObject({ detail: { year: 2026, approver: 'ws.director', replaces: diff.replaces } });
    expect(events.events.find((e) => e.action === 'approval.granted')).toMatchObject({
      actor: 'ws.director',
      detail: { for: 'holidays.import', requester: 'it.chen' },
    });
    await it.session.logout();

    moveTo('2026-11-27', 10);
    const agent = await floor.caller('agent1');
    // A day off: calls pause until the make-up workday.
    expect(await refusal(agent.call('contact.start', { caseNo: 'CD-4', slot: 'mobile' }))).toMatchObject({
      key: 'contact.blocked.holiday',
      params: { next: '2026-11-28 08:00' },
    });
    const due = await agent.call('complaint.raise', { caseNo: 'CD-4', grade: 'medium', reason: 'rude caller' });
    // Three working days after a day off: Saturday's make-up day, Monday, Tuesday.
    expect(due.dueOn).toBe('2026-12-01');
    await agent.logout();

    moveTo('2026-11-28', 10);
    const lead = await floor.caller('lead1');
    await lead.call('complaint.clear', { caseNo: 'CD-4', reason: 'apologised' });
    await lead.logout();
    const saturday = await floor.caller('agent1');
    await saturday.call('contact.start', { caseNo: 'CD-4', slot: 'mobile' });
    expect(saturday.dialed).toHaveLength(1);
    await saturday.logout();
  });
});

describe('first contact', () => {
  it("is due the policy's hours after assignment; a manager may extend one case to 72 hours", async () => {
    const lead = await floor.caller('lead1');
    await lead.call('case.assign', { caseNos: [floor.caseNos[0]!], to: ['ws.agent2'] });
    const assigned = await lead.call('case.get', { caseNo: floor.caseNos[0]! });
    expect(assigned.firstContactDue).toBe(assigned.assignedAt! + 48 * 3_600_000);
    expect(
      (await refusal(lead.call('case.extendFirstContact', { caseNo: floor.caseNos[0]!, hours: 72, reason: 'x1' }))).key,
    ).toBe('permission.denied');
    const director = await floor.caller('director');
    expect(
      (
        await refusal(
          director.call('case.extendFirstContact', { caseNo: floor.caseNos[0]!, hours: 40, reason: 'busy week' }),
        )
      ).key,
    ).toBe('case.extensionShorter');
    expect(
      (
        await refusal(
          director.call('case.extendFirstContact', { caseNo: floor.caseNos[0]!, hours: 73, reason: 'busy week' }),
        )
      ).key,
    ).toBe('case.extensionTooLong');
    const { due } = await director.call('case.extendFirstContact', {
      caseNo: floor.caseNos[0]!,
      hours: 72,
      reason: 'debtor abroad until Monday',
    });
    expect(due).toBe(assigned.assignedAt! + 72 * 3_600_000);
    expect((await lead.call('case.get', { caseNo: floor.caseNos[0]! })).firstContactDue).toBe(due);
    // A new assignment starts again at the policy's hours.
    await lead.call('case.assign', { caseNos: [floor.caseNos[0]!], to: ['ws.agent1'] });
    const again = await lead.call('case.get', { caseNo: floor.caseNos[0]! });
    expect(again.firstContactDue).toBe(again.assignedAt! + 48 * 3_600_000);
    await director.logout();
    await lead.logout();
  });
});

describe('field visits', () => {
  it('need the lead, then another field lead naming two field agents, and a report inside the window', async () => {
    const agent = await floor.caller('agent1');
    const day = '2026-11-28';
    const { visit } = await agent.call('visit.request', {
      caseNo: 'CD-3',
      addressKind: 'home',
      reason: 'phones dead, verify the address',
      from: day,
      to: '2026-11-30',
    });
    expect((await refusal(agent.call('visit.decide', { visit, approve: true }))).key).toBe('permission.denied');
    const field = await floor.caller('agent3');
    // Not approved yet: it can't be recorded as done.
    const report = {
      visit,
      arrivedAt: seatTimeOn(day, 9 * 60),
      leftAt: seatTimeOn(day, 9 * 60 + 30),
      addressStatus: 'valid' as const,
      personMet: 'self',
      consent: false,
      outcome: 'KNOW' as const,
      media: ['IMG-0001', 'AUD-0001'],
    };
    expect((await refusal(field.call('visit.report', report))).key).toBe('visit.notVisitor');
    const lead = await floor.caller('lead1');
    expect(await lead.call('visit.decide', { visit, approve: true })).toEqual({ state: 'leadApproved' });
    expect(
      (await refusal(lead.call('visit.decide', { visit, approve: true, visitors: ['ws.agent3', FIELD2] }))).key,
    ).toBe('visit.secondApprover');
    const director = await floor.caller('director');
    expect(
      (await refusal(director.call('visit.decide', { visit, approve: true, visitors: ['ws.agent3', 'ws.agent1'] })))
        .key,
    ).toBe('visit.notFieldAgent');
    expect((await refusal(director.call('visit.decide', { visit, approve: true, visitors: ['ws.agent3'] }))).key).toBe(
      'visit.twoVisitors',
    );
    expect(await director.call('visit.decide', { visit, approve: true, visitors: ['ws.agent3', FIELD2] })).toEqual({
      state: 'approved',
    });
    // Only a named visitor reports, inside the window, once.
    expect((await refusal(agent.call('visit.report', report))).key).toBe('visit.notVisitor');
    expect(
      (
        await refusal(
          field.call('visit.report', {
            ...report,
            arrivedAt: seatTimeOn(day, 7 * 60 + 30),
            leftAt: seatTimeOn(day, 8 * 60),
          }),
        )
      ).key,
    ).toBe('contact.blocked.quietHours');
    expect(await field.call('visit.report', report)).toEqual({ state: 'done' });
    expect((await refusal(field.call('visit.report', report))).key).toBe('visit.notApproved');
    const listed = await lead.call('visit.list', { caseNo: 'CD-3' });
    expect(listed[0]).toMatchObject({
      state: 'done',
      leadBy: 'ws.lead1',
      fieldBy: 'ws.director',
      visitors: ['ws.agent3', FIELD2],
      outcome: 'KNOW',
      reason: 'phones dead, verify the address',
    });
    for (const c of [agent, field, lead, director]) await c.logout();
  });
});

describe("the lead's board", () => {
  it('shows overdue first contacts, missing recordings and holds beside recovery, for the team', async () => {
    moveTo('2026-12-01', 10);
    const lead = await floor.caller('lead1');
    await lead.call('payment.record', { caseNo: 'CD-3', amountFen: 10_000, paidOn: '2026-12-01' });
    const board = await lead.call('board.lead', {});
    expect(board.team).toBe('电催一组');
    expect(board.agents.map((a) => a.username)).toEqual(expect.arrayContaining(['ws.agent1', 'ws.agent2']));
    // The sample case given to agent1 on 28 November, never contacted: 48 hours are past.
    expect(board.firstContactOverdue).toEqual([
      expect.objectContaining({ caseNo: floor.caseNos[0], agent: 'ws.agent1' }),
    ]);
    expect(board.agents.find((a) => a.username === 'ws.agent1')?.firstContactOverdue).toBe(1);
    // The first PTP on CD-1 was written without its recording.
    expect(board.recordingsMissing.map((r) => r.caseNo)).toContain('CD-1');
    expect(board.compliance.referenced).toBeGreaterThan(0);
    expect(board.compliance.connected).toBeGreaterThan(board.compliance.referenced);
    // This month's recovery (November's payments kept CD-1's promise).
    expect(board.recovery).toMatchObject({ recoveredFen: 10_000, promisesKept: 1 });
    const agent = await floor.caller('agent1');
    expect((await refusal(agent.call('board.lead', {}))).key).toBe('permission.denied');
    const director = await floor.caller('director');
    expect((await director.call('board.lead', {})).team).toBeNull();
    for (const c of [lead, agent, director]) await c.logout();
  });
});

describe('outcome codes', () => {
  it('IT renames a code and retires another from new records, with a reason; agents can no longer use it', async () => {
    const it = await floor.as('it');
    await it.call('contact.setOutcome', {
      code: 'VM',
      zh: '语音信箱（留言）',
      en: 'Voicemail, message left',
      active: true,
      reason: 'clearer',
    });
    const after = await it.call('contact.setOutcome', {
      code: 'NA',
      zh: '无法接通',
      en: 'Unreachable',
      active: false,
      reason: 'merged into NOAS',
    });
    expect(after).toEqual([
      { code: 'NA', zh: '无法接通', en: 'Unreachable', active: false },
      { code: 'VM', zh: '语音信箱（留言）', en: 'Voicemail, message left', active: true },
    ]);
    await it.session.logout();
    const agent = await floor.caller('agent1');
    expect(
      (await refusal(agent.call('contact.setOutcome', { code: 'NA', zh: 'x', en: 'x', active: true, reason: 'mine' })))
        .key,
    ).toBe('permission.denied');
    await agent.call('contact.start', { caseNo: 'CD-4', slot: 'mobile' });
    expect((await refusal(agent.call('contact.record', { caseNo: 'CD-4', outcome: 'NA', note: 'x' }))).key).toBe(
      'contact.outcomeRetired',
    );
    await agent.call('contact.record', { caseNo: 'CD-4', outcome: 'NOAS', note: 'no answer' });
    await agent.logout();
  });
});
