/**
 * The import ceremony in the app, in both languages: IT's vault with a 客服 and a 品控 on this
 * seat (the import station); the cs custodian opens the sample archive, hands over to qc, both
 * see the report, qc confirms; the certificate is a PDF with its Chinese; the source archive is
 * destroyed. A wrong half ends the ceremony with the message the custodians can act on.
 */
import { execFileSync } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addAccount } from '../../electron/core/accounts/account-admin';
import { bind, flag } from '../../electron/core/seats/seat-admin';
import { login } from '../../electron/core/session/unlock';
import { defaultEnv } from '../../electron/core/vault/env';
import { SAMPLE_HALVES, SAMPLES } from '../fixtures/delivery';
import { ImportPage } from './pages/import-page';
import { MACHINE_ID, openApp, screenshotIfFailed, type AppUnderTest } from './pages/app';
import { acknowledgeNotices, createVault, signIn } from './pages/flows';
import { SetupPage } from './pages/setup-page';
import { ShellPage } from './pages/shell-page';
import { texts, type Lang } from './pages/texts';

const IT = { username: 'it.zhou', displayName: '周工', password: 'Vault2026pass' };
const CS = { username: 'cs.zhou', displayName: '周客服', password: 'Harbor5Lantern' };
const QC = { username: 'qc.chen', displayName: '陈品控', password: 'Quarry7Meadow' };

/** IT adds both custodians on this seat and flags it; each sets their own password (core calls). */
async function importStation(dataDir: string): Promise<void> {
  const env = { ...defaultEnv, machineId: () => MACHINE_ID };
  const it = await login(dataDir, IT.username, IT.password, env);
  for (const [who, role] of [
    [CS, 'cs'],
    [QC, 'qc'],
  ] as const) {
    await addAccount(it, { username: who.username, role, password: 'Initial9pass', displayName: who.displayName });
    await bind(it, who.username, it.vault.seatId);
  }
  await flag(it, it.vault.seatId, true);
  await it.logout();
  for (const who of [CS, QC]) {
    const own = await login(dataDir, who.username, 'Initial9pass', env);
    await own.changePassword('Initial9pass', who.password);
    await own.logout();
  }
}

describe.each(['zh-CN', 'en'] as const)('the import ceremony (%s)', (lang: Lang) => {
  const tr = texts(lang);
  let app: AppUnderTest;
  let dir: string;
  beforeAll(async () => {
    app = await openApp();
    dir = await mkdtemp(path.join(os.tmpdir(), 'strongroom-e2e-import-'));
  });
  afterAll(async () => {
    await app?.close();
    await rm(dir, { recursive: true, force: true });
  });
  afterEach((ctx) => screenshotIfFailed(app, ctx.task));

  it('two custodians import the sample delivery; certificate saved; source destroyed', async () => {
    const { page } = app;
    const shell = new ShellPage(page, lang);
    if (lang === 'en') {
      await new SetupPage(page).waitUntilShown();
      await new ShellPage(page).switchLanguage('en');
    }
    await createVault(page, IT, lang);
    await importStation(app.harness.dataDir);
    const archive = path.join(dir, 'WA20261101-07_csv.zip');
    await copyFile(path.join(SAMPLES, 'WA20261101-07_csv.zip'), archive);
    const wrong = path.join(dir, 'WA20261101-07_xlsx.zip');
    await copyFile(path.join(SAMPLES, 'WA20261101-07_xlsx.zip'), wrong);

    await signIn(page, CS, lang);
    await acknowledgeNotices(page, lang);
    await page.getByRole('menuitem', { name: tr('nav.import'), exact: true }).click();
    const ui = new ImportPage(page, lang);
    await ui.heading.waitFor();

    // A wrong half: the ceremony ends with the message, and a new one can start.
    await ui.start(wrong);
    await ui.custodian('A', CS, SAMPLE_HALVES[0]);
    await ui.text('import.handOver').waitFor();
    await ui.custodian('B', QC, 'x9Tr#4Wx');
    await ui.text('errors.import.archive.wrongPassword').waitFor();
    await ui.button('import.again').click();

    // The real one: name, size and SHA-256 first; A; hand over; B; the report.
    await ui.start(archive);
    const sha = execFileSync('sha256sum', [archive], { encoding: 'utf8' }).split(' ')[0]!;
    await page.getByText(sha).waitFor();
    expect(await ui.field('A', 'username').inputValue()).toBe(CS.username);
    await ui.custodian('A', CS, SAMPLE_HALVES[0]);
    await ui.text('import.handOver').waitFor();
    // B's form is empty: nothing of A's is left on screen.
    expect(await ui.field('B', 'password').inputValue()).toBe('');
    await ui.custodian('B', QC, SAMPLE_HALVES[1]);
    await ui.text('import.report.countsText', { rows: 200, accepted: 200, rejected: 0, skipped: 0 }).waitFor();
    await ui.text('import.report.agrees').waitFor();
    await page.getByText('WA20261101-07', { exact: true }).first().waitFor();
    await ui.button('import.confirm').click();
    await ui.text('import.doneTitle', { batch: 'WA20261101-07', accepted: 200 }).waitFor();

    // The certificate: a PDF whose text (pdftotext) has the Chinese title and the hash.
    const [download] = await Promise.all([page.waitForEvent('download'), ui.button('import.certificate').click()]);
    const pdf = path.join(dir, `certificate-${lang}.pdf`);
    await download.saveAs(pdf);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('委案导入双人操作证明');
    expect(text).toContain(sha.slice(0, 32));
    expect(text).toContain(QC.username);

    // The source archive: overwritten and deleted after a confirmation.
    await ui.button('import.destroy.button').click();
    await page.getByRole('button', { name: tr('import.destroy.confirm') }).click();
    await page.getByRole('button', { name: tr('import.destroy.done') }).waitFor();
    await expect(stat(archive)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(readFile(wrong)).resolves.toBeTruthy();
    await shell.logout();
    expect(app.problems).toEqual([]);
  }, 240_000);
});
