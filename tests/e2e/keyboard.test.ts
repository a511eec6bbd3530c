/** Everything the walk does also works from the keyboard alone: here by the auditor, whose the log is to verify. */
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshotIfFailed, type AppUnderTest } from './pages/app';
import { AuditPage } from './pages/audit-page';
import { AccountsPage } from './pages/accounts-page';
import { SeatsPage } from './pages/admin-pages';
import { acknowledgeNotices, createVault, signIn, signInFirstTime } from './pages/flows';
import { NoticesDialog } from './pages/notices-dialog';
import { HomePage } from './pages/home-page';
import { LoginPage } from './pages/login-page';
import { ShellPage } from './pages/shell-page';
import { texts } from './pages/texts';

const IT = { username: 'it.sun', displayName: '孙工', password: 'Quill58harbor' };
const AUDITOR = { username: 'audit.zhou', displayName: '周稽核', password: 'Ledger9mint', role: 'auditor' };
const AUDITOR_OWN = 'Quarry63Lumen';
const OTHER_SEAT = 'ABCD-EFGH-JKMN';
const zh = texts('zh-CN');
const en = texts('en');

let app: AppUnderTest;
beforeAll(async () => {
  app = await openApp();
  const { page } = app;
  const login = await createVault(page, IT);
  const shell = new ShellPage(page);
  // IT adds the auditor; the auditor sets a password; IT then binds them to a second seat, which
  // the auditor is told of at the next sign-in (below, from the keyboard).
  await signIn(page, IT);
  await shell.open('accounts');
  await new AccountsPage(page).add(AUDITOR);
  await new AccountsPage(page).rowInState(AUDITOR.username, 'mustChange').waitFor();
  await shell.logout();
  await login.waitUntilShown();
  await signInFirstTime(page, AUDITOR, AUDITOR_OWN);
  await acknowledgeNotices(page);
  await shell.logout();
  await login.waitUntilShown();
  await signIn(page, IT);
  await shell.open('seats');
  await new SeatsPage(page).bind(`${AUDITOR.displayName} (${AUDITOR.username})`, OTHER_SEAT);
  await new SeatsPage(page).unbindButton(OTHER_SEAT, AUDITOR.username).waitFor();
  await shell.logout();
  await login.waitUntilShown();
});
afterAll(async () => {
  await app?.close();
});
afterEach((ctx) => screenshotIfFailed(app, ctx.task));

const isFocused = (target: Locator) => target.evaluate((el) => el === document.activeElement);

/** Presses Tab until `target` has focus (at most `limit` times). */
async function tabTo(page: Page, target: Locator, limit = 30): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await isFocused(target)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('Tab never reached the target');
}

describe('keyboard only', () => {
  it('signs in, reads and closes the notices, navigates, verifies, exports an anchor, switches language, logs out', async () => {
    const { page } = app;
    const login = new LoginPage(page);
    await expect.poll(() => isFocused(login.username)).toBe(true);
    await page.keyboard.type(AUDITOR.username);
    await page.keyboard.press('Tab');
    await page.keyboard.type(AUDITOR_OWN);
    await page.keyboard.press('Enter');
    await new HomePage(page).heading(AUDITOR.displayName).waitFor();

    // What IT did to the account since: the dialog has focus on its button; Enter closes it.
    const notices = new NoticesDialog(page);
    await notices.row('seatBound', { by: IT.username, seat: OTHER_SEAT }).waitFor();
    await expect.poll(() => isFocused(notices.okButton)).toBe(true);
    await page.keyboard.press('Enter');
    await notices.dialog.waitFor({ state: 'hidden' });

    const shell = new ShellPage(page);
    // The menu takes focus as a whole; arrows move through its items (首页 → 访问日志).
    await tabTo(page, shell.nav.getByRole('menu'));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => isFocused(shell.menuItem('audit'))).toBe(true);
    await page.keyboard.press('Enter');
    const audit = new AuditPage(page);
    await expect.poll(() => isFocused(audit.heading)).toBe(true);

    await tabTo(page, audit.verifyButton);
    await page.keyboard.press('Enter');
    await audit.resultAlert(zh('audit.verify.intact')).waitFor();

    await tabTo(page, audit.exportAnchorButton, 60);
    await page.keyboard.press('Enter');
    await audit.anchorDialog.waitFor();
    await page.keyboard.press('Escape');
    await audit.anchorDialog.waitFor({ state: 'hidden' });

    await tabTo(page, shell.languageOption('en'), 80);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: en('audit.title'), level: 1 }).waitFor();
    const shellEn = new ShellPage(page, 'en');
    await tabTo(page, shellEn.logoutButton);
    await page.keyboard.press('Enter');
    await new LoginPage(page, 'en').waitUntilShown();
    expect(app.problems).toEqual([]);
  });
});
