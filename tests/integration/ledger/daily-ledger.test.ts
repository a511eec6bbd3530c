import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bind } from '../../../electron/core/seats/seat-admin';
import { dailyLedger, seatDate } from '../../../electron/core/ledger/daily-ledger';
import { ledgerCsv } from '../../../electron/core/ledger/ledger-csv';
import { ledgerPdf } from '../../../electron/core/ledger/ledger-pdf';
import { login } from '../../../electron/core/session/unlock';
import { adminVaults } from '../../fixtures/admin-vault';

const setup = adminVaults();

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
    expect(execFileSync('pdffonts', [pdfFile], { encoding: 'utf8' })).toMatch(
      /CID TrueType\s+Identity-H\s+yes\s+no\s+yes/,
    );
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
