/**
 * `contact`, `complaint` and `holidays` from the command line, on both stores, with the clock
 * moved by faketime into (and out of) the contact window: the rule verdict printed, a blocked
 * call's exit 6 naming the rule, a contact record with its promise and recording, a hold across
 * the debtor's cases, and a holiday year imported with a second person's approval on stdin.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, seatTimeOn } from '../../shared/seat-day';
import { conductDelivery, nextWorkday } from '../fixtures/conduct';
import { TEST_HALVES } from '../fixtures/delivery';
import { ADMIN } from '../fixtures/vault';
import { cli, flagImportStation, makeVault, oneErrorLine, type TestVault } from './run-cli';

const SLOW = 180_000;
const CS = { username: 'zhou.min', role: 'cs' as const, password: 'Harbor5Lantern' };
const QC = { username: 'chen.jie', role: 'qc' as const, password: 'Quarry7Meadow' };
const LEAD = { username: 'wang.lei', role: 'team_lead' as const, password: 'Lantern6Harbor' };
const AGENT = { username: 'li.na', role: 'agent_phone' as const, password: 'Meadow3Quarry' };
const AGENT2 = { username: 'sun.yu', role: 'agent_phone' as const, password: 'Valley5Copper' };
const DIRECTOR = { username: 'zhao.gang', role: 'director' as const, password: 'Summit8Willow' };
type Person = { username: string; password: string };

let vault: TestVault;
let dir: string;
let workday: string;

/** Runs as `who` with the clock at hh:mm on the chosen workday (Asia/Shanghai). */
const at = (hh: number, mm: number, who: Person, args: string[], more: string[] = []) =>
  cli(['--data-dir', vault.dataDir, '--as', who.username, ...args], {
    stdin: [who.password, ...more],
    faketime: `+${Math.round((seatTimeOn(workday, hh * 60 + mm) - Date.now()) / 1000)} seconds`,
  });

beforeAll(async () => {
  workday = nextWorkday();
  vault = await makeVault([CS, QC, LEAD, AGENT, AGENT2, DIRECTOR]);
  dir = await mkdtemp(path.join(os.tmpdir(), 'strongroom-cli-conduct-'));
  const archive = path.join(dir, 'CD-2026.zip');
  await writeFile(archive, await conductDelivery());
  expect((await flagImportStation(vault)).code).toBe(0);
  const imported = await cli(['--data-dir', vault.dataDir, 'import', archive], {
    stdin: [CS.username, CS.password, TEST_HALVES[0], QC.username, QC.password, TEST_HALVES[1]],
  });
  expect(imported.code).toBe(0);
  const as = (who: Person, args: string[]) =>
    cli(['--data-dir', vault.dataDir, '--as', who.username, ...args], { stdin: [who.password] });
  expect((await as(ADMIN, ['team', 'add', '电催一组'])).code).toBe(0);
  for (const [who, lead] of [
    [LEAD, true],
    [AGENT, false],
    [AGENT2, false],
  ] as const)
    expect((await as(ADMIN, ['team', 'member', '电催一组', who.username, ...(lead ? ['--lead'] : [])])).code).toBe(0);
  expect((await as(LEAD, ['cases', 'assign', '--to', AGENT.username, '--case', 'CD-1', 'CD-3'])).code).toBe(0);
  expect((await as(LEAD, ['cases', 'assign', '--to', AGENT2.username, '--case', 'CD-2'])).code).toBe(0);
}, SLOW);

afterAll(async () => {
  await vault.cleanup();
  await rm(dir, { recursive: true, force: true });
});

describe('collection conduct from the command line', { timeout: SLOW }, () => {
  it('starts a call after printing every rule, records it, and never prints the number', async () => {
    const check = await at(10, 0, AGENT, ['contact', 'check', 'CD-1']);
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/1\s+138\*\*\*\*8001\s+debtor\s+0\/0\s+callable/);
    expect(check.stdout).toMatch(/2\s+139\*\*\*\*9001\s+朋友\s+0\/0\s+blocked: thirdParty/);

    expect((await at(10, 1, AGENT, ['contact', 'start', 'CD-1', '--phone-index', '9'])).code).toBe(2);
    const started = await at(10, 1, AGENT, ['contact', 'start', 'CD-1', '--phone-index', '1']);
    expect(started.code).toBe(0);
    expect(started.stdout).toContain('ok  quietHours  (GB/T 45251—2025 (22:00–08:00))');
    expect(started.stdout).toMatch(/call [0-9a-f-]{36} opened on 138\*\*\*\*8001/);
    expect(started.stdout + started.stderr).not.toContain('13800138001');

    const promiseOn = addDays(workday, 3);
    const recorded = await at(10, 5, AGENT, [
      'contact',
      'record',
      'CD-1',
      '--outcome',
      'PTP',
      '--promise-amount',
      '500',
      '--promise-date',
      promiseOn,
      '--recording',
      'REC-20261203-0001',
      '--note',
      'will pay on the day',
    ]);
    expect(recorded.code).toBe(0);
    expect(recorded.stdout).toMatch(/^record \d+ written; recording referenced$/m);
    const history = JSON.parse((await at(10, 6, AGENT, ['contact', 'history', 'CD-1', '--json'])).stdout) as {
      outcome: string;
      promise: { amountFen: number; on: string; state: string };
    }[];
    expect(history[0]).toMatchObject({
      outcome: 'PTP',
      promise: { amountFen: 50_000, on: promiseOn, state: 'pending' },
    });
    // Recording a call that was never started: refused, nothing written.
    const unstarted = await at(10, 7, AGENT, ['contact', 'record', 'CD-1', '--outcome', 'NOAS', '--note', 'x']);
    expect(unstarted.code).toBe(7);
    expect(oneErrorLine(unstarted)).toContain('Start the call first');
  });

  it("a complaint on one case stops the debtor's other case; only a lead or QC clears it", async () => {
    const raised = await at(11, 0, AGENT2, [
      'complaint',
      'raise',
      'CD-2',
      '--reason',
      'too many calls',
      '--grade',
      'severe',
    ]);
    expect(raised.code).toBe(0);
    expect(raised.stdout).toMatch(/complaint \d+ raised: 2 case\(s\) on hold; due \d{4}-\d{2}-\d{2}/);
    const blocked = await at(11, 1, AGENT, ['contact', 'start', 'CD-1', '--phone-index', '1']);
    expect(blocked.code).toBe(6);
    expect(oneErrorLine(blocked)).toMatch(/call blocked: hold — Collection hold/);
    expect((await at(11, 2, AGENT2, ['complaint', 'clear', 'CD-2', '--reason', 'resolved'])).code).toBe(6);
    const register = JSON.parse((await at(11, 3, LEAD, ['complaint', 'list', '--json'])).stdout) as {
      caseNo: string;
    }[];
    expect(register.map((c) => c.caseNo)).toEqual(['CD-2']);
    const cleared = await at(11, 4, LEAD, ['complaint', 'clear', 'CD-2', '--reason', 'called back and explained']);
    expect(cleared.code).toBe(0);
    expect(cleared.stdout).toContain('the debtor may be contacted again');
  });

  it('refuses a call in quiet hours with exit 6, the rule and when calling is possible', async () => {
    const late = await at(22, 30, AGENT, ['contact', 'start', 'CD-3', '--phone-index', '1']);
    expect(late.code).toBe(6);
    expect(oneErrorLine(late)).toContain(`call blocked: quietHours — Quiet hours (22:00–08:00): no calls.`);
    // The next working day: a weekend or a holiday after it is skipped.
    expect(oneErrorLine(late)).toContain(`Calling is possible from ${nextWorkday(workday)} 08:00`);
  });

  it('imports next year with the second person on stdin, after printing the differences', async () => {
    const year = Number(workday.slice(0, 4)) + 1;
    const file = path.join(dir, `${year}.json`);
    await writeFile(
      file,
      JSON.stringify({
        year,
        papers: ['国务院办公厅关于' + String(year) + '年部分节假日安排的通知'],
        days: [{ name: '元旦', date: `${year}-01-01`, isOffDay: true }],
      }),
    );
    const refused = await at(23, 0, ADMIN, ['holidays', 'import', file], [AGENT.username, AGENT.password]);
    expect(refused.code).toBe(6);
    expect((await at(23, 1, ADMIN, ['holidays', 'import', path.join(dir, 'none.json')])).code).toBe(7);
    const imported = await at(23, 2, ADMIN, ['holidays', 'import', file], [DIRECTOR.username, DIRECTOR.password]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(`+ ${year}-01-01 off 元旦`);
    expect(imported.stdout).toContain(`holiday year ${year} imported`);
    const listed = await at(23, 3, ADMIN, ['holidays', 'list']);
    expect(listed.stdout).toMatch(
      new RegExp(`${year}\\s+imported\\s+1\\s+0\\s+${ADMIN.username}\\s+${DIRECTOR.username}`),
    );
  });
});
