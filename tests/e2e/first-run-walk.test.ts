/**
 * The required walk: first run → vault → IT signs in, reads the log, adds the auditor (稽核) →
 * the auditor's first sign-in and notices → access log → Verify → anchor → language → logout.
 * IT administers and reads the log; verifying and anchoring it are the auditor's (A.5.3).
 */
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AccountsPage } from './pages/accounts-page';
import { openApp, screenshotIfFailed, type AppUnderTest } from './pages/app';
import { AuditPage } from './pages/audit-page';
import { ChangePasswordPage } from './pages/change-password-page';
import { HomePage } from './pages/home-page';
import { LoginPage } from './pages/login-page';
import { NoticesDialog } from './pages/notices-dialog';
import { SetupPage } from './pages/setup-page';
import { ShellPage } from './pages/shell-page';
import { texts } from './pages/texts';

const IT = { username: 'it.chen', displayName: '陈工', password: 'Vault2026pass' };
const AUDITOR = { username: 'audit.li', displayName: '李稽核', password: 'Ledger9mint', role: 'auditor' };
const AUDITOR_OWN = 'Quarry63Lumen';
const zh = texts('zh-CN');
const en = texts('en');

let app: AppUnderTest;
beforeAll(async () => {
  app = await openApp();
});
afterAll(async () => {
  await app?.close();
});
afterEach((ctx) => screenshotIfFailed(app, ctx.task));

describe('first run to logout', () => {
  it('creates a vault; IT adds the auditor, who verifies the log, exports an anchor, switches language, logs out', async () => {
    const { page, harness } = app;

    const setup = new SetupPage(page);
    await setup.waitUntilShown();
    expect(await setup.dataDir.inputValue()).toBe(harness.dataDir);
    // A data directory whose parent is missing is refused with an actionable message.
    await setup.dataDir.fill(path.join(harness.dataDir, 'no-such-parent', 'vault'));
    await setup.create(IT);
    await page
      .getByRole('alert')
      .filter({ hasText: zh('errors.dataDir.unusable') })
      .waitFor();
    await setup.dataDir.fill(harness.dataDir);
    await setup.submit.click();

    const login = new LoginPage(page);
    await login.waitUntilShown();
    const manifest = JSON.parse(await readFile(path.join(harness.dataDir, 'vault.json'), 'utf8')) as {
      vaultId: string;
    };
    await login.cell(manifest.vaultId.slice(0, 8)).waitFor();
    await login.login(IT.username, IT.password);

    const shell = new ShellPage(page);
    const home = new HomePage(page);
    await home.heading(IT.displayName).waitFor();
    await home.value(IT.username).waitFor();
    await home.roleValue('it').waitFor();
    await page.screenshot({ path: path.join(os.tmpdir(), 'strongroom-home.png'), fullPage: true });

    // IT reads the log, but verifying and anchoring it are not IT's.
    await shell.open('audit');
    const audit = new AuditPage(page);
    await audit.heading.waitFor();
    await audit.row(IT.username, 'login.ok').first().waitFor();
    await audit.row(IT.username, 'vault.created').first().waitFor();
    expect(await audit.verifyButton.count()).toBe(0);
    expect(await audit.exportAnchorButton.count()).toBe(0);

    // IT adds the auditor, bound to this seat (the form offers it), and signs out.
    await shell.open('accounts');
    const accounts = new AccountsPage(page);
    await accounts.heading.waitFor();
    const seat = await accounts.seatField.inputValue();
    await accounts.add(AUDITOR);
    await accounts.rowInState(AUDITOR.username, 'mustChange').waitFor();
    await shell.logout();
    await login.waitUntilShown();

    // The auditor's first sign-in: a password of their own, then who made the account and bound it.
    await login.login(AUDITOR.username, AUDITOR.password);
    const change = new ChangePasswordPage(page);
    await change.forcedHeading('oneTime').waitFor();
    await change.change(AUDITOR.password, AUDITOR_OWN);
    const notices = new NoticesDialog(page);
    await notices.dialog.waitFor();
    await notices.row('added', { by: IT.username, role: zh('roles.auditor') }).waitFor();
    await notices.row('seatBound', { by: IT.username, seat }).waitFor();
    await notices.acknowledge();
    await new HomePage(page).heading(AUDITOR.displayName).waitFor();

    await shell.open('audit');
    await audit.heading.waitFor();
    await audit.row(AUDITOR.username, 'login.ok').first().waitFor();
    await audit.row(IT.username, 'account.added').first().waitFor();

    await audit.verify();
    await audit.resultAlert(zh('audit.verify.intact')).waitFor();
    await expect.poll(() => audit.progress.getAttribute('aria-valuenow')).toBe('100');
    await audit.row(AUDITOR.username, 'audit.verified').first().waitFor();

    const anchor = await audit.exportAnchor();
    expect(anchor.seq).toMatch(/^\d+$/);
    expect(Number(anchor.seq)).toBeGreaterThanOrEqual(3);
    expect(anchor.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(anchor.json)).toMatchObject({
      format: 'strongroom-anchor',
      seq: Number(anchor.seq),
      hash: anchor.hash,
    });
    await audit.row(AUDITOR.username, 'audit.anchorExported').first().waitFor();
    await page.screenshot({ path: path.join(os.tmpdir(), 'strongroom-audit.png'), fullPage: true });

    // The exported anchor is what a later verification checks the log against.
    await audit.verify(anchor.json);
    await audit.resultAlert(zh('audit.verify.anchor.matches')).waitFor();

    await shell.switchLanguage('en');
    await shell.menuItem('audit').waitFor();
    await page.getByRole('heading', { name: en('audit.title'), level: 1 }).waitFor();
    expect(await page.getByRole('menuitem', { name: zh('nav.audit') }).count()).toBe(0);
    // The choice is remembered: after a reload the (still signed-in) app speaks English.
    await page.reload();
    await new HomePage(page, 'en').roleValue('auditor').waitFor();
    await shell.open('audit');
    await shell.switchLanguage('zh-CN');
    await page.getByRole('heading', { name: zh('audit.title'), level: 1 }).waitFor();
    expect(await page.getByRole('menuitem', { name: en('nav.audit') }).count()).toBe(0);

    await shell.logout();
    await login.waitUntilShown();
    expect(await shell.logoutButton.count()).toBe(0);
    expect(app.problems).toEqual([]);
  });
});
