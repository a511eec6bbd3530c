/**
 * `team …` and `cases list | show | reveal | assign` from the command line, on both stores: IT
 * sets up a team, the lead assigns by filter, the agent sees their cases masked, opens one and
 * reveals a value (printed alone), and the documented exit codes for what is refused.
 */
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CasePage, CaseRow } from '../../shared/contract';
import { listAudit } from '../../electron/core/audit/audit-service';
import { login } from '../../electron/core/session/unlock';
import { SAMPLE_HALVES, SAMPLES } from '../fixtures/delivery';
import { ADMIN } from '../fixtures/vault';
import { cli, flagImportStation, makeVault, oneErrorLine, type TestVault } from './run-cli';

const SLOW = 180_000;
const CS = { username: 'zhou.min', role: 'cs' as const, password: 'Harbor5Lantern' };
const QC = { username: 'chen.jie', role: 'qc' as const, password: 'Quarry7Meadow' };
const LEAD = { username: 'wang.lei', role: 'team_lead' as const, password: 'Lantern6Harbor' };
const AGENT = { username: 'li.na', role: 'agent_phone' as const, password: 'Meadow3Quarry' };
const DIRECTOR = { username: 'zhao.gang', role: 'director' as const, password: 'Summit8Willow' };
type Person = { username: string; password: string };

let vault: TestVault;
let dir: string;

const as = (who: Person, args: string[]) =>
  cli(['--data-dir', vault.dataDir, '--as', who.username, ...args], { stdin: [who.password] });

beforeAll(async () => {
  vault = await makeVault([CS, QC, LEAD, AGENT, DIRECTOR]);
  dir = await mkdtemp(path.join(os.tmpdir(), 'strongroom-cli-cases-'));
  const archive = path.join(dir, 'WA20261101-07_csv.zip');
  await copyFile(path.join(SAMPLES, 'WA20261101-07_csv.zip'), archive);
  expect((await flagImportStation(vault)).code).toBe(0);
  const imported = await cli(['--data-dir', vault.dataDir, 'import', archive], {
    stdin: [CS.username, CS.password, SAMPLE_HALVES[0], QC.username, QC.password, SAMPLE_HALVES[1]],
  });
  expect(imported.code).toBe(0);
}, SLOW);

afterAll(async () => {
  await vault.cleanup();
  await rm(dir, { recursive: true, force: true });
});

describe('teams and cases from the command line', { timeout: SLOW }, () => {
  it('IT sets up a team; the lead assigns by filter; the agent sees exactly those, masked', async () => {
    expect((await as(ADMIN, ['team', 'add', '电催一组'])).code).toBe(0);
    expect((await as(ADMIN, ['team', 'member', '电催一组', LEAD.username, '--lead'])).code).toBe(0);
    expect((await as(ADMIN, ['team', 'member', '电催一组', AGENT.username])).code).toBe(0);
    const teams = JSON.parse((await as(LEAD, ['team', 'list', '--json'])).stdout) as { name: string }[];
    expect(teams.map((t) => t.name)).toEqual(['电催一组']);

    const wanted = JSON.parse(
      (await as(DIRECTOR, ['cases', 'list', '--filter', 'amount>=50000', '--limit', '500', '--json'])).stdout,
    ) as { total: number };
    expect(wanted.total).toBeGreaterThan(0);
    expect(wanted.total).toBeLessThan(200);
    const assigned = await as(LEAD, [
      'cases',
      'assign',
      '--to',
      AGENT.username,
      '--batch',
      '1',
      '--filter',
      'amount>=50000',
      '--json',
    ]);
    expect(assigned).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(assigned.stdout)).toEqual({ assigned: wanted.total });

    expect(JSON.parse((await as(AGENT, ['cases', 'count', '--json'])).stdout)).toEqual({ count: wanted.total });
    const list = JSON.parse((await as(AGENT, ['cases', 'list', '--limit', '500', '--json'])).stdout) as {
      total: number;
      rows: CaseRow[];
    };
    expect(list.total).toBe(wanted.total);
    for (const row of list.rows) {
      expect(row.assignee).toBe(AGENT.username);
      expect(row.amountFen).toBeGreaterThanOrEqual(5_000_000);
      expect(row.name).toMatch(/\*/);
      expect(row.mobile).toMatch(/^1\d{2}\*{4}\d{4}$/);
    }
    const text = await as(AGENT, ['cases', 'list']);
    expect(text.stdout).toContain(`of ${wanted.total}`);
  });

  it('the agent opens a case (their own name in full) and reveals its ID, printed alone and logged', async () => {
    const list = JSON.parse((await as(AGENT, ['cases', 'list', '--json'])).stdout) as { rows: CaseRow[] };
    const caseNo = list.rows[0]!.caseNo;
    const page = JSON.parse((await as(AGENT, ['cases', 'show', caseNo, '--json'])).stdout) as CasePage;
    expect(page.name).not.toMatch(/\*/);
    expect(page.fields.find((f) => f.field === 'idNumber')!.value).toMatch(/\*{14}/);
    const revealed = await as(AGENT, ['cases', 'reveal', caseNo, '--field', 'id', '--reason', 'identityCheck']);
    expect(revealed).toMatchObject({ code: 0, stderr: '' });
    expect(revealed.stdout).toMatch(/^\d{17}[\dX]\n$/);
    const it = await login(vault.dataDir, ADMIN.username, ADMIN.password);
    const events = (await listAudit(it, { action: 'case.revealed', limit: 5 })).events;
    await it.logout();
    expect(events[0]).toMatchObject({
      actor: AGENT.username,
      object: caseNo,
      detail: { field: 'idNumber', reason: 'identityCheck' },
    });
    expect(JSON.stringify(events)).not.toContain(revealed.stdout.trim());
  });

  it('refuses with one line and the documented exit code', async () => {
    const other = JSON.parse(
      (await as(DIRECTOR, ['cases', 'list', '--filter', 'view=unassigned', '--json'])).stdout,
    ) as {
      rows: CaseRow[];
    };
    const notMine = other.rows[0]!.caseNo;
    const unknown = await as(AGENT, ['cases', 'show', notMine]);
    expect(unknown.code).toBe(7);
    expect(oneErrorLine(unknown)).toMatch(/no case has that number/i);
    const denied = await as(AGENT, ['cases', 'assign', '--to', AGENT.username, '--case', notMine]);
    expect(denied.code).toBe(6);
    const badFilter = await as(LEAD, ['cases', 'assign', '--to', AGENT.username, '--filter', 'colour=red']);
    expect(badFilter.code).toBe(2);
    expect(oneErrorLine(badFilter)).toMatch(/bad --filter term: colour=red/);
    const badField = await as(AGENT, ['cases', 'reveal', notMine, '--field', 'shoe', '--reason', 'other']);
    expect(badField.code).toBe(2);
    const noNote = await as(AGENT, ['cases', 'reveal', notMine, '--field', 'phone', '--reason', 'other']);
    expect(noNote.code).toBe(7);
  });
});
