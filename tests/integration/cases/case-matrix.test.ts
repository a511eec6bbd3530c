/**
 * Every case procedure × every kind of caller, on both stores: four cases — agent1's (A),
 * agent2's (B, same team), team 2's pool (C), no team's (D) — and for each person the procedures
 * that read a case succeed exactly on the cases their place lets them see, and refuse the rest
 * as if they did not exist. Reveal and copy also need the permission (the router's refusal).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcedureName, Result } from '../../../shared/contract';
import { DEFAULT_ROLE_PERMISSIONS } from '../../../shared/permissions';
import { createRouter } from '../../../electron/core/api/router';
import { memoryDataDirStore, Workstation } from '../../../electron/core/api/workstation';
import { CJK_FONT } from '../../../electron/core/ledger/font';
import { freshVault } from '../../fixtures/vault';
import { PEOPLE, TEAM_2, workspace, type Person, type Workspace } from '../../fixtures/workspace';

type Case = 'A' | 'B' | 'C' | 'D';
const SEES: Record<Person, readonly Case[]> = {
  agent1: ['A'],
  agent2: ['B'],
  agent3: [],
  lead1: ['A', 'B', 'D'],
  lead2: ['C', 'D'],
  director: ['A', 'B', 'C', 'D'],
  qc: ['A', 'B', 'C', 'D'],
  cs: [],
  it: [],
};
const COUNT: Record<Person, number> = {
  ...Object.fromEntries(Object.entries(SEES).map(([p, c]) => [p, c.length])),
  lead1: 199,
  lead2: 198,
  director: 200,
  qc: 200,
} as Record<Person, number>;
const ROLE: Record<Person, keyof typeof DEFAULT_ROLE_PERMISSIONS> = { ...PEOPLE, qc: 'qc', cs: 'cs', it: 'it' };
/** The procedures that name one case, each called the way a caller would. */
const PER_CASE: readonly ProcedureName[] = ['case.get', 'case.list', 'case.reveal', 'case.copy'];

let ws: Workspace;
let cleanupVault: () => Promise<void>;
const cases = {} as Record<Case, string>;

beforeAll(async () => {
  const v = await freshVault();
  cleanupVault = v.cleanup;
  ws = await workspace(v);
  [cases.A, cases.B, cases.C, cases.D] = ws.caseNos.slice(0, 4) as [string, string, string, string];
  const lead1 = await ws.as('lead1');
  await lead1.call('case.assign', { caseNos: [cases.A], to: ['ws.agent1'] });
  await lead1.call('case.assign', { caseNos: [cases.B], to: ['ws.agent2'] });
  await lead1.session.logout();
  const director = await ws.as('director');
  await director.call('case.assign', { caseNos: [cases.C], to: [], team: TEAM_2 });
  await director.session.logout();
}, 240_000);

afterAll(async () => {
  await ws.cleanup();
  await cleanupVault();
});

describe.each(Object.keys(SEES) as Person[])('as %s', (who) => {
  it('reads exactly the cases its place shows, through every procedure', async () => {
    const { session } = await ws.as(who);
    const seat = new Workstation(memoryDataDirStore(session.vault.dataDir), session.vault.env, {
      fontPath: CJK_FONT,
      copyToClipboard: () => undefined,
    });
    seat.begin(session);
    const router = createRouter(seat, () => undefined);
    const canReveal = DEFAULT_ROLE_PERMISSIONS[ROLE[who]].includes('case.reveal');
    const outcome: Record<string, string> = {};
    const expected: Record<string, string> = {};
    const call = (name: (typeof PER_CASE)[number], caseNo: string): Promise<Result<unknown>> => {
      switch (name) {
        case 'case.get':
          return router.call(name, { caseNo });
        case 'case.list':
          return router.call(name, { filter: { search: { kind: 'caseNo', text: caseNo } } });
        case 'case.reveal':
          return router.call(name, { caseNo, field: 'mobile', reason: 'identityCheck' });
        default:
          // case.copy, after the reveal: a copy needs one of the same field within 30 seconds.
          return router.call(name, { caseNo, field: 'mobile' });
      }
    };
    for (const c of ['A', 'B', 'C', 'D'] as const) {
      const sees = SEES[who].includes(c);
      for (const name of PER_CASE) {
        const r = await call(name, cases[c]);
        const key = `${name} ${c}`;
        if (name === 'case.list') {
          outcome[key] = r.ok ? String((r.value as { total: number }).total) : r.key;
          expected[key] = sees ? '1' : '0';
          continue;
        }
        outcome[key] = r.ok ? 'ok' : r.key;
        const gated = name === 'case.reveal' || name === 'case.copy';
        expected[key] =
          gated && !canReveal
            ? 'permission.denied'
            : sees
              ? 'ok'
              : name === 'case.copy'
                ? 'case.revealFirst'
                : 'case.unknown';
      }
    }
    expect(outcome).toEqual(expected);
    // The 196 other cases are in no team: a lead's and a director's too.
    expect(await router.call('case.count', {})).toEqual({ ok: true, value: { count: COUNT[who] } });
    await seat.endSession('logout');
  });
});
