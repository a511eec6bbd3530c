/**
 * IT's side of the issue: a lockout after 3 wrong sign-ins and its unlock, closing an account,
 * re-authentication for a sensitive action, the daily ledger and its exports, seats, roles, policy.
 */
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testStore } from '../fixtures/store';
import { AccountsPage } from './pages/accounts-page';
import { PolicyPage, RolesPage, SeatsPage } from './pages/admin-pages';
import { openApp, screenshotIfFailed, type AppUnderTest } from './pages/app';
import { ChangePasswordPage } from './pages/change-password-page';
import { createVault, signIn } from './pages/flows';
import { ReauthDialog } from './pages/idle-screens';
import { LedgerPage } from './pages/ledger-page';
import { LoginPage } from './pages/login-page';
import { ShellPage } from './pages/shell-page';
import { texts } from './pages/texts';

const IT = { username: 'it.qian', displayName: '钱工', password: 'Vault2026pass' };
const AGENT = { username: 'agent.zhang', displayName: '张外访', password: 'Rk4wNz8qTb', role: 'agent_field' };
const LEAVER = { username: 'agent.liu', displayName: '刘电催', password: 'Hj6pXe3sWm', role: 'agent_phone' };
const zh = texts('zh-CN');

let app: AppUnderTest;
let login: LoginPage;
let shell: ShellPage;
beforeAll(async () => {
  app = await openApp();
  login = await createVault(app.page, IT);
  shell = new ShellPage(app.page);
  await signIn(app.page, IT);
  await shell.open('accounts');
  const accounts = new AccountsPage(app.page);
  for (const a of [AGENT, LEAVER]) {
    await accounts.add(a);
    await accounts.row(a.username).waitFor();
  }
  await shell.logout();
  await login.waitUntilShown();
});
afterAll(async () => {
  await app?.close();
});
afterEach((ctx) => screenshotIfFailed(app, ctx.task));

async function asIt<T>(work: () => Promise<T>): Promise<T> {
  await signIn(app.page, IT);
  const result = await work();
  await shell.logout();
  await login.waitUntilShown();
  return result;
}

describe('lockout, unlock and close', () => {
  it('locks an account after 3 wrong passwords; IT sees why and unlocks it with a reason', async () => {
    const { page } = app;
    for (let i = 0; i < 3; i++) {
      await login.loginRefused(AGENT.username, `Wrong${i}pass9x`);
      await login.error.filter({ hasText: zh('errors.login.failed') }).waitFor();
    }
    await login.loginRefused(AGENT.username, AGENT.password);
    await login.error.filter({ hasText: zh('errors.login.locked', { minutes: 30 }) }).waitFor();

    await asIt(async () => {
      await shell.open('accounts');
      const accounts = new AccountsPage(page);
      await accounts.rowInState(AGENT.username, 'locked').waitFor();
      await accounts.row(AGENT.username).getByRole('cell', { name: '3', exact: true }).waitFor();
      await accounts.action(AGENT.username, 'failures').click();
      const drawer = accounts.failuresDrawer(AGENT.username);
      await drawer.getByRole('cell', { name: zh('actions.preauth.lockout'), exact: true }).waitFor();
      expect(await drawer.getByRole('cell', { name: zh('actions.preauth.loginFailed'), exact: true }).count()).toBe(3);
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'hidden' });

      await accounts.unlock(AGENT.username, '本人电话确认，工单 IT-1024');
      await accounts.rowInState(AGENT.username, 'mustChange').waitFor();
      await page.screenshot({ path: path.join(os.tmpdir(), 'strongroom-accounts-zh-CN.png'), fullPage: true });
    });

    // Unlocked: the agent's (one-time) password now opens the forced change screen.
    await login.login(AGENT.username, AGENT.password);
    await new ChangePasswordPage(page).forcedHeading('oneTime').waitFor();
    await shell.logout();
    await login.waitUntilShown();
  });

  it('closes an account after a confirmation; it can never sign in again', async () => {
    const { page } = app;
    await asIt(async () => {
      await shell.open('accounts');
      const accounts = new AccountsPage(page);
      await accounts.close(LEAVER.username, '离职，人事单号 HR-77');
      await accounts.rowInState(LEAVER.username, 'closed').waitFor();
      expect(await accounts.action(LEAVER.username, 'close').count()).toBe(0);
    });
    await login.loginRefused(LEAVER.username, LEAVER.password);
    await login.error.filter({ hasText: zh('errors.login.failed') }).waitFor();
  });
});

describe('re-authentication', () => {
  it('asks for the password again after the window, then retries the reset once', async () => {
    const { page, harness } = app;
    await asIt(async () => {
      // The server's clock moves past the 5-minute window; the page keeps being used.
      harness.clock.advance(6 * 60_000);
      await shell.open('accounts');
      const accounts = new AccountsPage(page);
      await accounts.reset(AGENT.username, '忘记密码，本人到场');
      const reauth = new ReauthDialog(page);
      await reauth.dialog.waitFor();
      await reauth.confirm('NotMyPassword1');
      await reauth.error.filter({ hasText: zh('reauth.wrongPassword') }).waitFor();
      await reauth.confirm(IT.password);
      await reauth.dialog.waitFor({ state: 'hidden' });
      const oneTime = await accounts.takeOneTimePassword(AGENT.username);
      expect(oneTime).toMatch(/^[A-Za-z0-9]{14}$/);
      await accounts.rowInState(AGENT.username, 'mustChange').waitFor();
    });
  });
});

describe('daily account ledger', () => {
  it("shows today's accounts and changes, and exports CSV and PDF", async () => {
    const { page } = app;
    await asIt(async () => {
      await shell.open('ledger');
      const ledger = new LedgerPage(page);
      await ledger.heading.waitFor();
      expect(await ledger.date.inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      for (const u of [IT.username, AGENT.username, LEAVER.username]) await ledger.accountRow(u).waitFor();
      await ledger.changeRow('account.closed').first().waitFor();
      await ledger.changeRow('account.unlocked').first().waitFor();
      await page.screenshot({ path: path.join(os.tmpdir(), 'strongroom-ledger-zh-CN.png'), fullPage: true });

      const csv = await ledger.export('csv');
      expect(csv.suggestedFilename()).toBe(`account-ledger-${await ledger.date.inputValue()}.csv`);
      const text = await readFile(await csv.path(), 'utf8');
      expect(text).toContain(AGENT.username);
      expect(text).toContain(LEAVER.username);
      const pdf = await ledger.export('pdf');
      expect((await readFile(await pdf.path())).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    });
  });
});

describe('seats, roles and policy', () => {
  it('lets IT flag a seat, bind and unbind, edit a role and the policy, and shows refusals', async () => {
    const { page } = app;
    await asIt(async () => {
      // Seats: this seat holds IT and the agent; flag it as the import station; bind another seat.
      await shell.open('seats');
      const seats = new SeatsPage(page);
      await seats.heading.waitFor();
      const here = seats.page.getByRole('row').filter({ hasText: zh('seats.thisSeat') });
      const seatId = ((await here.locator('.sr-mono').first().textContent()) ?? '').trim();
      expect(seatId).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      await seats.flagButton(seatId, true).click();
      await seats.confirm('seats.flagOnTitle', { seat: seatId });
      await seats.flagButton(seatId, false).waitFor();
      await seats.bind(`${AGENT.displayName} (${AGENT.username})`, 'ABCD-EFGH-JKMN');
      await seats.unbindButton('ABCD-EFGH-JKMN', AGENT.username).click();
      await seats.confirm('seats.unbindTitle', { username: AGENT.username, seat: 'ABCD-EFGH-JKMN' });
      await seats.unbindButton('ABCD-EFGH-JKMN', AGENT.username).waitFor({ state: 'detached' });

      // Roles: IT may not drop account management; quality control may read the ledger.
      await shell.open('roles');
      const roles = new RolesPage(page);
      await roles.heading.waitFor();
      await roles.cell('it', 'account.manage').uncheck();
      const refused = await roles.save('it', '测试');
      await refused
        .getByRole('alert')
        .filter({ hasText: zh('errors.role.itKeepsAdmin') })
        .waitFor();
      await refused.getByRole('button', { name: zh('admin.cancel'), exact: true }).click();
      await roles.cell('it', 'account.manage').check();
      await roles.cell('qc', 'ledger.read').check();
      const saved = await roles.save('qc', '品控核对台账');
      await saved.waitFor({ state: 'hidden' });
      expect(await roles.cell('qc', 'ledger.read').isChecked()).toBe(true);
      expect(await roles.saveButton('qc').isDisabled()).toBe(true);
      await page.screenshot({ path: path.join(os.tmpdir(), 'strongroom-roles-zh-CN.png'), fullPage: true });

      // Policy: a value out of bounds is refused naming the field; a valid change is saved.
      await shell.open('policy');
      const policy = new PolicyPage(page);
      await policy.heading.waitFor();
      await policy.save({ passwordMinLength: 6 }, '试一下');
      const field = zh('policy.fields.passwordMinLength');
      await page
        .getByRole('alert')
        .filter({ hasText: zh('errors.policy.outOfBounds', { field }) })
        .waitFor();
      await policy.save(
        { passwordMinLength: 10, curtainSeconds: 45, passwordExpiryWarningDays: 30 },
        '信息安全检查要求',
      );
      await page.getByText(zh('policy.saved')).waitFor();
      expect(await policy.field('curtainSeconds').inputValue()).toBe('45');

      // Vault key: IT replaces it on demand, with a reason; the new key epoch is said. The card
      // says what that does on this store.
      await page.getByText(zh(testStore() === 'sqlite' ? 'vaultKey.about' : 'vaultKey.floorAbout')).waitFor();
      await policy.rotateVaultKey('季度密钥轮换');
      await policy.rotatedMessage.waitFor();

      // Warning 30 days ahead of a 30-day lifetime: this session's password is "expiring" now.
      const banner = page.getByRole('alert').filter({ hasText: zh('password.changeNow') });
      await banner.getByRole('button', { name: zh('password.changeNow'), exact: true }).click();
      await new ChangePasswordPage(page).voluntaryHeading.waitFor();
    });
    expect(app.problems).toEqual([]);
  });

  it("ends the first user's session, with a message, when another user signs in on this seat", async () => {
    const { page, harness } = app;
    const other = await page.context().browser()!.newPage();
    try {
      await other.goto(harness.url);
      const otherLogin = new LoginPage(other);
      await otherLogin.waitUntilShown();
      await signIn(page, IT);
      // A second sign-in on this seat (here in a second window) ends the first session.
      await signIn(other, IT);
      await login.waitUntilShown();
      await page
        .getByRole('alert')
        .filter({ hasText: zh('login.ended.replaced') })
        .waitFor();
    } finally {
      await other.close();
    }
  });
});
