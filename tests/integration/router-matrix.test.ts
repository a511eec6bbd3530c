/**
 * Least privilege, table-driven: every procedure called as every role. Exactly the roles whose
 * permissions include a procedure's `access` get past the router; everyone else is refused and
 * the refusal is logged. A new procedure without a sample input here fails the type-check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, isProcedure, type InputOf, type ProcedureName } from '../../shared/contract';
import { DEFAULT_ROLE_PERMISSIONS } from '../../shared/permissions';
import { ROLES, type Role } from '../../shared/roles';
import { createRouter } from '../../electron/core/api/router';
import { memoryDataDirStore, Workstation } from '../../electron/core/api/workstation';
import { addAccount } from '../../electron/core/accounts/account-admin';
import { bind } from '../../electron/core/seats/seat-admin';
import { CJK_FONT } from '../../electron/core/ledger/font';
import { sql } from '../../electron/core/store/sql';
import { login } from '../../electron/core/session/unlock';
import { ADMIN, freshVault } from '../fixtures/vault';

const UNKNOWN_CEREMONY = '00000000-0000-4000-8000-00000000c0de';

const SAMPLES: { [N in ProcedureName]: InputOf<N> } = {
  'vault.status': {},
  'vault.create': { dataDir: '/nonexistent/x', username: 'nobody', password: 'x' },
  'vault.joinFloor': {
    dataDir: '/nonexistent/x',
    host: '127.0.0.1',
    port: 1,
    database: 'floor',
    user: 'floor_seat_x',
    ca: 'x',
    cert: 'x',
    key: 'x',
  },
  'vault.rotateKey': { reason: 'matrix test' },
  'session.login': { username: 'nobody', password: 'x' },
  'session.current': {},
  'session.logout': {},
  'session.changePassword': { current: 'wrong', next: 'x' },
  'session.reauth': { password: 'Initial9pass' },
  'session.activity': {},
  'session.lock': {},
  'account.list': {},
  'account.failures': { username: 'no.such.user' },
  'account.add': { username: 'new.user', role: 'cs', password: 'short' },
  'account.reset': { username: 'no.such.user', reason: 'matrix test' },
  'account.unlock': { username: 'no.such.user', reason: 'matrix test' },
  'account.close': { username: 'no.such.user', reason: 'matrix test' },
  'account.role': { username: 'no.such.user', role: 'cs', reason: 'matrix test' },
  'account.notices': {},
  'account.noticesSeen': { through: 0 },
  'seat.list': {},
  'seat.bind': { username: 'no.such.user', seatId: 'ABCD-EFGH-JKMN' },
  'seat.unbind': { username: 'no.such.user', seatId: 'ABCD-EFGH-JKMN' },
  'seat.flag': { seatId: 'ZZZZ-ZZZZ-ZZZZ', importStation: true },
  'role.matrix': {},
  'role.set': { role: 'gm', permissions: ['ledger.read', 'audit.read'], reason: 'matrix test' },
  'policy.get': {},
  'policy.set': { changes: {}, reason: 'matrix test' },
  'ledger.daily': { date: '2026-11-23' },
  'ledger.export': { date: '2026-11-23', format: 'csv' },
  'audit.list': { limit: 5 },
  'audit.verify': {},
  'audit.anchor': {},
  'audit.export': { format: 'jsonl', afterSeq: 0 },
  'import.templates': {},
  'import.chooseArchive': {},
  'import.start': { path: '/nonexistent/delivery.zip' },
  'import.admit': { ceremonyId: UNKNOWN_CEREMONY, slot: 'A', username: 'no.such.user', password: 'x', half: 'x' },
  'import.check': { ceremonyId: UNKNOWN_CEREMONY },
  'import.commit': { ceremonyId: UNKNOWN_CEREMONY },
  'import.destroySource': { ceremonyId: UNKNOWN_CEREMONY },
  'import.cancel': { ceremonyId: UNKNOWN_CEREMONY },
  'import.certificate': { ceremonyId: UNKNOWN_CEREMONY },
  'import.addTemplate': { body: '{}' },
  'case.count': {},
  'case.batches': {},
  'case.list': { filter: {} },
  'case.get': { caseNo: 'NO-SUCH-CASE' },
  'case.reveal': { caseNo: 'NO-SUCH-CASE', field: 'idNumber', reason: 'identityCheck' },
  'case.copy': { caseNo: 'NO-SUCH-CASE', field: 'idNumber' },
  'case.assign': { caseNos: ['NO-SUCH-CASE'], to: [] },
  'case.extendFirstContact': { caseNo: 'NO-SUCH-CASE', hours: 60, reason: 'matrix test' },
  'team.list': {},
  'team.create': { name: 'Matrix team' },
  'team.addMember': { team: 'No such team', username: 'no.such.user' },
  'team.removeMember': { username: 'no.such.user' },
  'contact.check': { caseNo: 'NO-SUCH-CASE' },
  'contact.start': { caseNo: 'NO-SUCH-CASE', slot: 'mobile' },
  'contact.record': { caseNo: 'NO-SUCH-CASE', outcome: 'NOAS', note: 'matrix' },
  'contact.outcomes': {},
  'contact.setOutcome': { code: 'NOAS', zh: '无人接听', en: 'No answer', active: true, reason: 'matrix test' },
  'contact.history': { caseNo: 'NO-SUCH-CASE' },
  'contact.override': { caseNo: 'NO-SUCH-CASE', rule: 'contactWindow', reason: 'matrix test' },
  'payment.record': { caseNo: 'NO-SUCH-CASE', amountFen: 100, paidOn: '2026-01-05' },
  'complaint.raise': { caseNo: 'NO-SUCH-CASE', grade: 'light', reason: 'matrix test' },
  'complaint.clear': { caseNo: 'NO-SUCH-CASE', reason: 'matrix test' },
  'complaint.notifyBank': { caseNo: 'NO-SUCH-CASE' },
  'complaint.list': {},
  'holiday.calendar': {},
  'visit.request': {
    caseNo: 'NO-SUCH-CASE',
    addressKind: 'home',
    reason: 'matrix test',
    from: '2099-01-01',
    to: '2099-01-02',
  },
  'visit.decide': { visit: 999_999, approve: false },
  'visit.report': {
    visit: 999_999,
    arrivedAt: 1,
    leftAt: 1,
    addressStatus: 'valid',
    personMet: 'self',
    consent: false,
    outcome: 'NOAS',
  },
  'visit.list': {},
  'board.lead': {},
  'holiday.check': { text: '{}' },
  'holiday.import': { text: '{}', sha256: '0'.repeat(64) },
};

// These end or replace the session (or, first run only, the vault); tested elsewhere.
const ENDS_SESSION = new Set<ProcedureName>([
  'session.logout',
  'session.lock',
  'session.login',
  'vault.create',
  'vault.joinFloor',
]);

let vault: Awaited<ReturnType<typeof freshVault>>;
const PASSWORD = 'Initial9pass';

beforeAll(async () => {
  vault = await freshVault();
  const it = await login(vault.dataDir, ADMIN.username, ADMIN.password, vault.env);
  for (const role of ROLES) {
    // The second independent account (gm after auditor) needs the first one's approval.
    const approval = role === 'gm' ? { username: 'user.auditor', password: PASSWORD } : undefined;
    await addAccount(it, { username: `user.${role}`, role, password: PASSWORD, approval });
    await bind(it, `user.${role}`, it.vault.seatId);
    // Factory shortcut: these accounts start past their one-time password.
    await it.vault.db.run(sql`UPDATE accounts SET must_change_password = 0`);
  }
  await it.logout();
}, 120_000);

afterAll(async () => vault.cleanup());

describe.each(ROLES)('as %s', (role: Role) => {
  it('gets past the router for exactly the procedures its permissions allow', async () => {
    const ws = new Workstation(memoryDataDirStore(vault.dataDir), vault.env, { fontPath: CJK_FONT });
    const router = createRouter(ws, () => undefined);
    ws.begin(await login(vault.dataDir, `user.${role}`, PASSWORD, vault.env));
    const allowed: string[] = [];
    const refused: string[] = [];
    for (const name of Object.keys(contract) as ProcedureName[]) {
      if (ENDS_SESSION.has(name)) continue;
      const result = await router.call(name, SAMPLES[name]);
      expect(result.ok || result.code !== 'NO_SESSION', `${name} lost the session`).toBe(true);
      // Refused by the router for want of the permission; a handler's own refusal is past it.
      const denied = !result.ok && result.code === 'NOT_PERMITTED' && result.key === 'permission.denied';
      (denied ? refused : allowed).push(name);
    }
    const expected = (Object.keys(contract) as ProcedureName[]).filter((name) => {
      const access = contract[name].access;
      return (
        !ENDS_SESSION.has(name) &&
        (access === 'public' || access === 'session' || DEFAULT_ROLE_PERMISSIONS[role].includes(access))
      );
    });
    expect(allowed.sort()).toEqual(expected.sort());
    const listed = await router.call('audit.list', { limit: 500 });
    expect(listed.ok ? 'ok' : listed.code).toBe(
      DEFAULT_ROLE_PERMISSIONS[role].includes('audit.read') ? 'ok' : 'NOT_PERMITTED',
    );
    await ws.endSession('logout');
    // Every refusal was logged under the procedure's name with outcome "denied".
    const it = await login(vault.dataDir, ADMIN.username, ADMIN.password, vault.env);
    const rows = await it.vault.db.all<{ action: string }>(
      sql`SELECT action FROM audit_events WHERE actor = ${it.vault.db.fields.name(`user.${role}`)} AND outcome = 'denied'`,
    );
    // (A handler's own refusal logs its own event, e.g. a ceremony's refused transcript.)
    expect(new Set(rows.map((r) => r.action).filter(isProcedure))).toEqual(new Set(refused));
    await it.logout();
  }, 120_000);
});

describe('the shipped defaults', () => {
  it('match the matrix seeded into new vaults', async () => {
    const it = await login(vault.dataDir, ADMIN.username, ADMIN.password, vault.env);
    for (const role of ROLES)
      expect([...it.vault.matrix[role]].sort()).toEqual([...DEFAULT_ROLE_PERMISSIONS[role]].sort());
    await it.logout();
  });
});
