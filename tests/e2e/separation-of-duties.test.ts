/**
 * Separation of duties (ISO/IEC 27001 A.5.3) in the app: resetting the general manager's password
 * takes a second step where the auditor, at this seat, types their own username and password; the
 * general manager is told at the next sign-in who reset it and who approved; the auditor is told
 * what was done in their name.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AccountsPage } from './pages/accounts-page';
import { openApp, screenshotIfFailed, type AppUnderTest } from './pages/app';
import { AuditPage } from './pages/audit-page';
import { ChangePasswordPage } from './pages/change-password-page';
import { acknowledgeNotices, createVault, signIn, signInFirstTime } from './pages/flows';
import { HomePage } from './pages/home-page';
import { LoginPage } from './pages/login-page';
import { NoticesDialog } from './pages/notices-dialog';
import { ShellPage } from './pages/shell-page';
import { texts } from './pages/texts';

const IT = { username: 'it.qin', displayName: '秦工', password: 'Vault2026pass' };
const AUDITOR = { username: 'audit.li', displayName: '李稽核', password: 'Ledger9mint', role: 'auditor' };
const GM = { username: 'gm.sun', displayName: '孙总', password: 'Cedar6orbit', role: 'gm' };
const OWN = { auditor: 'Quarry63Lumen', gm: 'Harbor42lantern', gmAfterReset: 'Meadow57Pebble' };
const REASON = '忘记密码，本人到场';
const zh = texts('zh-CN');

let app: AppUnderTest;
let login: LoginPage;
let shell: ShellPage;
beforeAll(async () => {
  app = await openApp();
  const { page } = app;
  login = await createVault(page, IT);
  shell = new ShellPage(page);
  const accounts = new AccountsPage(page);
  // The first auditor is added by IT alone: there is nobody to ask yet.
  await signIn(page, IT);
  await shell.open('accounts');
  await accounts.add(AUDITOR);
  await accounts.rowInState(AUDITOR.username, 'mustChange').waitFor();
  await shell.logout();
  await login.waitUntilShown();
  await signInFirstTime(page, AUDITOR, OWN.auditor);
  await acknowledgeNotices(page);
  await shell.logout();
  await login.waitUntilShown();
  // The general manager only with the auditor's approval, typed here.
  await signIn(page, IT);
  await shell.open('accounts');
  await accounts.add(GM);
  await accounts.approve(AUDITOR.username, OWN.auditor);
  await accounts.approvalDialog.waitFor({ state: 'hidden' });
  await accounts.rowInState(GM.username, 'mustChange').waitFor();
  await shell.logout();
  await login.waitUntilShown();
  await signInFirstTime(page, GM, OWN.gm);
  await acknowledgeNotices(page);
  await shell.logout();
  await login.waitUntilShown();
});
afterAll(async () => {
  await app?.close();
});
afterEach((ctx) => screenshotIfFailed(app, ctx.task));

describe('two people for an independent account', () => {
  it("resets the general manager's password only with the auditor's approval at this seat", async () => {
    const { page } = app;
    await signIn(page, IT);
    await shell.open('accounts');
    const accounts = new AccountsPage(page);
    await accounts.reset(GM.username, REASON);
    // The second step: the approver types; a wrong password is refused there and counted.
    await accounts.approve(AUDITOR.username, 'NotHerPass77');
    const step = accounts.approvalDialog;
    await step
      .getByRole('alert')
      .filter({ hasText: zh('errors.approval.wrongPassword') })
      .waitFor();
    expect(await step.getByLabel(zh('approval.password'), { exact: true }).inputValue()).toBe('');
    await accounts.approve(AUDITOR.username, OWN.auditor);
    const oneTime = await accounts.takeOneTimePassword(GM.username);
    await accounts.rowInState(GM.username, 'mustChange').waitFor();
    await shell.logout();
    await login.waitUntilShown();

    // The general manager changes the one-time password, then is told who did what.
    await login.login(GM.username, oneTime);
    const change = new ChangePasswordPage(page);
    await change.forcedHeading('oneTime').waitFor();
    await change.change(oneTime, OWN.gmAfterReset);
    await new HomePage(page).heading(GM.displayName).waitFor();
    const notices = new NoticesDialog(page);
    await notices.row('reset', { by: IT.username, reason: REASON }).waitFor();
    await notices.row('approvedForYou', { by: AUDITOR.username, what: zh('notices.what.account.reset') }).waitFor();
    await notices
      .row('refusedForYou', {
        by: IT.username,
        what: zh('notices.what.account.reset'),
        refusal: zh('notices.refusal.credentials'),
      })
      .waitFor();
    await notices.acknowledge();
    await shell.logout();
    await login.waitUntilShown();
    expect(app.problems).toEqual([]);
  });

  it('tells the auditor what was done in their name, and shows both steps in the access log', async () => {
    const { page } = app;
    await signIn(page, { ...AUDITOR, password: OWN.auditor });
    const notices = new NoticesDialog(page);
    const reset = { what: zh('notices.what.account.reset'), account: GM.username, by: IT.username };
    await notices.row('youApproved', reset).waitFor();
    await notices.row('approverPasswordWrong', reset).waitFor();
    await notices.row('youApproved', { ...reset, what: zh('notices.what.account.add') }).waitFor();
    await notices.acknowledge();

    await shell.open('audit');
    const audit = new AuditPage(page);
    await audit.row(AUDITOR.username, 'approval.granted').first().waitFor();
    await audit.row(IT.username, 'approval.refused').first().waitFor();
    await audit.row(IT.username, 'account.reset').first().waitFor();
    await shell.logout();
    await login.waitUntilShown();
    expect(app.problems).toEqual([]);
  });
});
