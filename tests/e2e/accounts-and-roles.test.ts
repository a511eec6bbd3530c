/** Login failures stay generic; IT adds accounts; each role sees only what its permissions allow. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AccountsPage } from './pages/accounts-page';
import { openApp, screenshotIfFailed, type AppUnderTest } from './pages/app';
import { AuditPage } from './pages/audit-page';
import { acknowledgeNotices, createVault, signIn, signInFirstTime } from './pages/flows';
import { HomePage } from './pages/home-page';
import { LoginPage } from './pages/login-page';
import { NoticesDialog } from './pages/notices-dialog';
import { ShellPage } from './pages/shell-page';
import { texts } from './pages/texts';

const IT = { username: 'it.wang', displayName: '王工', password: 'Vault2026pass' };
const AUDITOR = { username: 'auditor.li', displayName: '李稽核', password: 'Audit2026x', role: 'auditor' };
const CS = { username: 'cs.zhao', displayName: '赵客服', password: 'Svc7kQm2Lp', role: 'cs' };
const zh = texts('zh-CN');

let app: AppUnderTest;
beforeAll(async () => {
  app = await openApp();
  await createVault(app.page, IT);
});
afterAll(async () => {
  await app?.close();
});
afterEach((ctx) => screenshotIfFailed(app, ctx.task));

describe('login failures', () => {
  it('shows the same generic message for a wrong password and for an unknown user', async () => {
    const login = new LoginPage(app.page);
    await login.login(IT.username, 'Wrong2026pass');
    await login.error.filter({ hasText: zh('errors.login.failed') }).waitFor();
    const wrongPassword = await login.error.textContent();
    expect(await login.password.inputValue()).toBe('');

    await login.login('nobody.here', 'Wrong2026pass');
    await login.error.filter({ hasText: zh('errors.login.failed') }).waitFor();
    expect(await login.error.textContent()).toBe(wrongPassword);
    await login.heading.waitFor();
  });
});

describe('accounts and roles', () => {
  it('lets IT add an auditor and a customer-service account', async () => {
    const { page } = app;
    await signIn(page, IT);
    // IT is told of the failed sign-in in its name (the test above) before anything else.
    const notices = new NoticesDialog(page);
    await notices.row('signInFailed').first().waitFor();
    await notices.acknowledge();
    const shell = new ShellPage(page);
    await shell.open('accounts');
    const accounts = new AccountsPage(page);
    await accounts.heading.waitFor();
    await accounts.row(IT.username).waitFor();

    await accounts.add(AUDITOR);
    await accounts
      .row(AUDITOR.username)
      .filter({ has: page.getByRole('cell', { name: zh('roles.auditor') }) })
      .waitFor();
    await accounts.add(CS);
    await accounts
      .row(CS.username)
      .filter({ has: page.getByRole('cell', { name: zh('roles.cs') }) })
      .waitFor();

    await shell.open('audit');
    const audit = new AuditPage(page);
    await audit.row(IT.username, 'account.added').first().waitFor();
    expect(await audit.row(IT.username, 'account.added').count()).toBe(2);
    await shell.logout();
    await new LoginPage(page).waitUntilShown();
  });

  it('shows the auditor the access log and the accounts, but no way to add an account', async () => {
    const { page } = app;
    // A new account's first sign-in only lets it set its own password.
    await signInFirstTime(page, AUDITOR, 'Ledger58Quartz');
    // Told who made the account (and bound it to this seat), once.
    await acknowledgeNotices(page);
    const home = new HomePage(page);
    await home.roleValue('auditor').waitFor();
    const shell = new ShellPage(page);
    for (const section of ['audit', 'accounts', 'seats', 'roles', 'policy', 'ledger'] as const)
      await shell.menuItem(section).waitFor();

    await shell.open('audit');
    const audit = new AuditPage(page);
    await audit.row(AUDITOR.username, 'login.ok').first().waitFor();
    await audit.verifyButton.waitFor();
    await audit.exportAnchorButton.waitFor();

    // Filters: by user, then a date range with no events in it.
    await audit.filterByUser(IT.username);
    await audit.row(AUDITOR.username, 'login.ok').waitFor({ state: 'detached' });
    await audit.row(IT.username, 'account.added').first().waitFor();
    await audit.filterByDates('2000-01-01', '2000-01-31');
    await audit.table.getByRole('cell', { name: zh('audit.empty') }).waitFor();
    await audit.resetFilters();
    await audit.row(AUDITOR.username, 'login.ok').first().waitFor();

    await shell.open('accounts');
    const accounts = new AccountsPage(page);
    await accounts.row(AUDITOR.username).waitFor();
    expect(await accounts.addButton.count()).toBe(0);
    expect(await page.getByRole('form', { name: zh('accounts.addTitle') }).count()).toBe(0);
    expect(await accounts.action(CS.username, 'reset').count()).toBe(0);
    await accounts.action(CS.username, 'failures').waitFor();
    await shell.logout();
    await new LoginPage(page).waitUntilShown();
  });

  it('shows a customer-service account neither the access log nor the accounts', async () => {
    const { page } = app;
    await signInFirstTime(page, CS, 'Pebble73Meadow');
    await acknowledgeNotices(page);
    await new HomePage(page).roleValue('cs').waitFor();
    const shell = new ShellPage(page);
    await shell.menuItem('home').waitFor();
    for (const section of ['audit', 'accounts', 'seats', 'roles', 'policy', 'ledger'] as const)
      expect(await shell.menuItem(section).count()).toBe(0);
    await shell.logout();
    await new LoginPage(page).waitUntilShown();
    expect(app.problems).toEqual([]);
  });
});
