import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addAccount } from '../../../electron/core/accounts/account-admin';
import { listAudit } from '../../../electron/core/audit/audit-service';
import { bind, flag, seats, unbind } from '../../../electron/core/seats/seat-admin';
import { changePolicy, changeRolePermissions, matrix } from '../../../electron/core/policy/policy-admin';
import { dailyLedger, seatDate } from '../../../electron/core/ledger/daily-ledger';
import { ledgerCsv } from '../../../electron/core/ledger/ledger-csv';
import { ledgerPdf } from '../../../electron/core/ledger/ledger-pdf';
import { login } from '../../../electron/core/session/unlock';
import { ADMIN, freshVault, testEnv } from '../../fixtures/vault';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function setup() {
  const v = await freshVault();
  cleanups.push(v.cleanup);
  const it = await login(v.dataDir, ADMIN.username, ADMIN.password, v.env);
  await addAccount(it, { username: 'li.na', displayName: '李娜', role: 'agent_phone', password: 'Initial9pass' });
  return { ...v, it };
}

describe('seats (专号专用、专机专用、专人专用)', () => {
  it('refuses and logs a login from a seat the account is not bound to', async () => {
    const { dataDir, env, it } = await setup();
    await expect(login(dataDir, 'li.na', 'Initial9pass', env)).rejects.toMatchObject({
      code: 'NOT_PERMITTED',
      key: 'login.seatNotBound',
    });
    await bind(it, 'li.na', it.vault.seatId);
    const other = testEnv(env.clock, 'machine-b');
    await expect(login(dataDir, 'li.na', 'Initial9pass', other)).rejects.toMatchObject({ key: 'login.seatNotBound' });
    const ok = await login(dataDir, 'li.na', 'Initial9pass', env);
    await ok.logout();
    const refused = (await listAudit(it, { action: 'login.refused', limit: 10 })).events;
    expect(refused.map((e) => e.detail.reason)).toEqual(['seat', 'seat']);
    await it.logout();
  });

  it('lets IT warn instead of refuse, or switch binding off, with a logged reason', async () => {
    const { dataDir, env, it } = await setup();
    await changePolicy(it, { seatBinding: 'warn' }, 'pilot week on the new floor');
    const warned = await login(dataDir, 'li.na', 'Initial9pass', env);
    await warned.logout();
    expect((await listAudit(it, { action: 'login.unboundSeat', limit: 5 })).events).toHaveLength(1);
    const change = (await listAudit(it, { action: 'policy.changed', limit: 5 })).events[0];
    expect(change?.detail).toMatchObject({
      reason: 'pilot week on the new floor',
      changes: { seatBinding: { before: 'enforce', after: 'warn' } },
    });
    await it.logout();
  });

  it('lists seats with their accounts, unbinds, and flags the import station', async () => {
    const { it } = await setup();
    await bind(it, 'li.na', it.vault.seatId);
    await bind(it, 'li.na', 'ABCD-EFGH-JKMN');
    await flag(it, it.vault.seatId, true);
    let list = await seats(it);
    expect(list.find((s) => s.seatId === it.vault.seatId)).toMatchObject({
      importStation: true,
      accounts: [ADMIN.username, 'li.na'],
    });
    await unbind(it, 'li.na', 'ABCD-EFGH-JKMN');
    list = await seats(it);
    expect(list.find((s) => s.seatId === 'ABCD-EFGH-JKMN')?.accounts).toEqual([]);
    await expect(bind(it, 'li.na', 'not a seat')).rejects.toMatchObject({ key: 'seat.invalid' });
    await it.logout();
  });
});

describe('policy and the role matrix', () => {
  it('never lets a setting past its floor', async () => {
    const { it } = await setup();
    for (const changes of [
      { passwordMinLength: 6 },
      { lockoutThreshold: 5 },
      { lockoutMinutes: 10 },
      { passwordMaxAgeDays: 90 },
      { lockSeconds: 10 },
      { passwordHistory: 0 },
    ]) {
      await expect(changePolicy(it, changes, 'try to loosen')).rejects.toMatchObject({
        code: 'INPUT_REJECTED',
        key: 'policy.outOfBounds',
      });
    }
    await it.logout();
  });

  it('applies a stricter lockout before unlock once IT sets it', async () => {
    const { dataDir, env, it } = await setup();
    await changePolicy(it, { lockoutThreshold: 2, lockoutMinutes: 60 }, 'audit finding');
    await it.logout();
    for (let i = 0; i < 2; i++) await login(dataDir, ADMIN.username, 'Wrong-pass-1', env).catch(() => undefined);
    await expect(login(dataDir, ADMIN.username, ADMIN.password, env)).rejects.toMatchObject({ code: 'LOCKED_OUT' });
    env.clock.advance(45 * 60_000);
    await expect(login(dataDir, ADMIN.username, ADMIN.password, env)).rejects.toMatchObject({ code: 'LOCKED_OUT' });
  });

  it('edits a role with a reason, logs before/after, and keeps IT able to repair', async () => {
    const { it } = await setup();
    await changeRolePermissions(it, 'team_lead', ['account.read'], 'leads see their team');
    expect((await matrix(it)).team_lead).toEqual(['account.read']);
    const ev = (await listAudit(it, { action: 'role.permissionsChanged', limit: 1 })).events[0];
    expect(ev?.detail).toMatchObject({ before: [], after: ['account.read'], reason: 'leads see their team' });
    await expect(changeRolePermissions(it, 'it', ['account.read'], 'oops')).rejects.toMatchObject({
      key: 'role.itKeepsAdmin',
    });
    await it.logout();
  });
});

describe('daily account ledger (账号管理台账)', () => {
  it("lists every account with seats, role, state and logins, and the day's changes, as CSV and PDF", async () => {
    const { dataDir, env, it } = await setup();
    await bind(it, 'li.na', it.vault.seatId);
    const agent = await login(dataDir, 'li.na', 'Initial9pass', env);
    await agent.logout();
    await login(dataDir, 'li.na', 'Wrong-pass-1', env).catch(() => undefined);
    const day = seatDate(env.clock.now());
    const ledger = await dailyLedger(it, day);
    expect(ledger.accounts.find((a) => a.username === 'li.na')).toMatchObject({
      role: 'agent_phone',
      state: 'mustChange',
      seats: [it.vault.seatId],
      logins: 1,
    });
    expect(ledger.changes.map((c) => c.action)).toEqual(['vault.created', 'account.added', 'seat.bound']);

    const csv = ledgerCsv(ledger);
    expect(csv).toContain('li.na,李娜,电催,须改密码');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ledger-'));
    const pdfFile = path.join(dir, 'ledger.pdf');
    writeFileSync(pdfFile, await ledgerPdf(ledger, readFileSync('resources/fonts/NotoSansSC-GB2312.ttf')));
    const text = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' });
    for (const needle of ['账号管理台账', '李娜', '电催', '须改密码', '新增账号', '绑定席位', day])
      expect(text).toContain(needle);
    // Whole font embedded: fontkit's subsetter drops glyphs (text extracts, but viewers show blanks).
    expect(execFileSync('pdffonts', [pdfFile], { encoding: 'utf8' })).toMatch(/CID TrueType\s+Identity-H\s+yes\s+no\s+yes/);
    await it.logout();
  });

  it('writes cells a spreadsheet could run as formulas as plain text', () => {
    const csv = ledgerCsv({
      date: '2026-11-23',
      from: 0,
      to: 0,
      generatedAt: 0,
      generatedBy: 'x',
      seat: 's',
      vaultId: 'v',
      accounts: [
        {
          username: 'a',
          displayName: '=HYPERLINK("http://x")',
          role: 'cs',
          state: 'active',
          seats: [],
          logins: 0,
          failedLogins: 0,
          firstLoginAt: null,
          lastLoginAt: null,
        },
      ],
      changes: [],
    });
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
  });
});
