/** `ledger daily`: 账号管理台账 as a PDF (text extracted with pdftotext) and as CSV, written atomically. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seatDate } from '../../electron/core/ledger/daily-ledger';
import { ADMIN } from '../fixtures/vault';
import { cli, fingerprint, makeVault, oneErrorLine, type TestVault } from './run-cli';

const QC = { username: 'qc.zhou', role: 'qc' as const, password: 'Quality4Rt8m' };
const GM = { username: 'gm.sun', role: 'gm' as const, password: 'Fig8garden' };
const HEADER =
  '账号 Account,姓名 Name,岗位 Role,状态 State,席位 Seats,登录次数 Logins,失败次数 Failed,首次登录 First login,末次登录 Last login';
let vault: TestVault;
beforeAll(async () => {
  vault = await makeVault([QC, GM]);
});
afterAll(() => vault.cleanup());

const ledger = (actor: string, password: string, args: string[]) =>
  cli(['--data-dir', vault.dataDir, '--as', actor, 'ledger', 'daily', ...args], { stdin: [password] });

describe('strongroom ledger daily', () => {
  it('writes the PDF with its Chinese title and every account, and prints the path', async () => {
    const out = path.join(vault.root, 'ledger.pdf');
    const result = await ledger(ADMIN.username, ADMIN.password, ['--format', 'pdf', '--out', out]);
    expect(result).toMatchObject({ code: 0, stdout: `${out}\n`, stderr: '' });
    expect((await readFile(out)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = spawnSync('pdftotext', ['-enc', 'UTF-8', out, '-'], { encoding: 'utf8' });
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('账号管理台账');
    expect(text.stdout).toContain(seatDate(Date.now()));
    for (const name of [ADMIN.username, QC.username, GM.username]) expect(text.stdout).toContain(name);
    expect((await readdir(vault.root)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('writes the CSV with its header and every account, for a given --date (the general manager may)', async () => {
    const date = seatDate(Date.now());
    const out = path.join(vault.root, 'ledger.csv');
    const result = await ledger(GM.username, GM.password, ['--date', date, '--format', 'csv', '--out', out]);
    expect(result).toMatchObject({ code: 0, stdout: `${out}\n` });
    const csv = await readFile(out, 'utf8');
    expect(csv.startsWith(`\uFEFF账号管理台账 Daily account ledger,${date}\r\n`)).toBe(true);
    const rows = csv.split('\r\n');
    expect(rows).toContain(HEADER);
    for (const [name, role] of [
      [ADMIN.username, 'IT'],
      [QC.username, '品控'],
      [GM.username, '总经理'],
    ])
      expect(rows.some((r) => r.startsWith(`${name},${name},${role},正常,`))).toBe(true);
  });

  it('rejects a bad date or an unwritable --out before signing in (7)', async () => {
    const before = await fingerprint(vault.dataDir);
    const badDate = await ledger(ADMIN.username, ADMIN.password, [
      '--date',
      '2026-02-30',
      '--format',
      'csv',
      '--out',
      path.join(vault.root, 'x.csv'),
    ]);
    expect(badDate.code).toBe(7);
    expect(oneErrorLine(badDate)).toMatch(/invalid date/);
    const nowhere = path.join(vault.root, 'no-such-dir', 'x.pdf');
    const unwritable = await ledger(ADMIN.username, ADMIN.password, ['--format', 'pdf', '--out', nowhere]);
    expect(unwritable.code).toBe(7);
    expect(oneErrorLine(unwritable)).toMatch(/cannot write the output file/);
    expect(existsSync(nowhere)).toBe(false);
    expect(await fingerprint(vault.dataDir)).toEqual(before);
  });

  it('needs --format and --out (2), and the ledger permission (6)', async () => {
    const noFormat = await ledger(ADMIN.username, ADMIN.password, ['--out', path.join(vault.root, 'y.csv')]);
    expect(noFormat.code).toBe(2);
    expect(oneErrorLine(noFormat)).toMatch(/--format/);
    const badFormat = await ledger(ADMIN.username, ADMIN.password, [
      '--format',
      'xlsx',
      '--out',
      path.join(vault.root, 'y.csv'),
    ]);
    expect(badFormat.code).toBe(2);
    expect(oneErrorLine(badFormat)).toMatch(/csv, pdf/);
    const noOut = await ledger(ADMIN.username, ADMIN.password, ['--format', 'csv']);
    expect(noOut.code).toBe(2);
    expect(oneErrorLine(noOut)).toMatch(/--out/);
    const denied = await ledger(QC.username, QC.password, ['--format', 'csv', '--out', path.join(vault.root, 'z.csv')]);
    expect(denied.code).toBe(6);
    expect(oneErrorLine(denied)).toMatch(/not permitted/);
    expect(existsSync(path.join(vault.root, 'z.csv'))).toBe(false);
  });
});
