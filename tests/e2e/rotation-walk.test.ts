/**
 * The required walk, in both languages: IT makes the vault and an agent's account on this seat →
 * the agent's first sign-in opens only the change-password screen (live rules) → home → 30 s idle
 * brings the curtain, a key lifts it → 10 min idle locks → the agent's password reopens → reusing
 * the initial password is refused with the history message.
 */
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AccountsPage } from './pages/accounts-page';
import { openApp, screenshotIfFailed, type AppUnderTest } from './pages/app';
import { ChangePasswordPage } from './pages/change-password-page';
import { createVault, signIn } from './pages/flows';
import { HomePage } from './pages/home-page';
import { NoticesDialog } from './pages/notices-dialog';
import { Curtain, LockScreen } from './pages/idle-screens';
import { SetupPage } from './pages/setup-page';
import { ShellPage } from './pages/shell-page';
import { texts, type Lang } from './pages/texts';

const IT = { username: 'it.zhou', displayName: '周工', password: 'Vault2026pass' };
const AGENT = { username: 'agent.wu', displayName: '吴电催', password: 'Tq7mVx2kLp', role: 'agent_phone' };
const AGENT_NEW = 'Harbor42lantern';
const SEAT_ID = /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/;

const shot = (name: string, lang: Lang) => path.join(os.tmpdir(), `strongroom-${name}-${lang}.png`);

describe.each(['zh-CN', 'en'] as const)('rotation, curtain and lock (%s)', (lang) => {
  const tr = texts(lang);
  let app: AppUnderTest;
  beforeAll(async () => {
    app = await openApp({ clock: true });
  });
  afterAll(async () => {
    await app?.close();
  });
  afterEach((ctx) => screenshotIfFailed(app, ctx.task));

  it('walks from a new vault to a forced password change, the curtain, the lock and back', async () => {
    const { page } = app;
    const shell = new ShellPage(page);
    if (lang === 'en') {
      await new SetupPage(page).waitUntilShown();
      await shell.switchLanguage('en');
    }
    const login = await createVault(page, IT, lang);
    await signIn(page, IT, lang);

    // IT adds the agent, bound to this seat (the form offers it).
    await shell.open('accounts');
    const accounts = new AccountsPage(page, lang);
    await accounts.heading.waitFor();
    const seat = await accounts.seatField.inputValue();
    expect(seat).toMatch(SEAT_ID);
    await accounts.add(AGENT);
    await accounts.rowInState(AGENT.username, 'mustChange').waitFor();
    await accounts.row(AGENT.username).getByRole('cell', { name: seat }).waitFor();
    await shell.logout();
    await login.waitUntilShown();
    await login.cell(seat).waitFor();

    // The agent's first sign-in: only the change-password screen, with its rules live.
    await login.login(AGENT.username, AGENT.password);
    const change = new ChangePasswordPage(page, lang);
    await change.forcedHeading('oneTime').waitFor();
    expect(await shell.nav.count()).toBe(0);
    expect(await change.ruleMet('length')).toBe(false);
    await change.next.fill('abc');
    await expect.poll(() => change.ruleMet('letter')).toBe(true);
    expect(await change.ruleMet('digit')).toBe(false);
    expect(await change.ruleMet('length')).toBe(false);
    await change.next.fill(AGENT_NEW);
    await expect.poll(() => change.ruleMet('length')).toBe(true);
    expect(await change.ruleMet('digit')).toBe(true);
    await page.screenshot({ path: shot('change-password', lang), fullPage: true });
    await change.change(AGENT.password, AGENT_NEW);
    const home = new HomePage(page, lang);
    await home.heading(AGENT.displayName).waitFor();
    // Told once who made the account and bound it to this seat.
    const notices = new NoticesDialog(page, lang);
    await notices.row('added', { by: IT.username, role: tr('roles.agent_phone') }).waitFor();
    await notices.row('seatBound', { by: IT.username, seat }).waitFor();
    await notices.acknowledge();
    await home.roleValue('agent_phone').waitFor();

    // 30 s without input: the curtain hides the page; a key press lifts it.
    const curtain = new Curtain(page, lang);
    await page.clock.fastForward(31_000);
    await curtain.dialog.waitFor();
    await home.heading(AGENT.displayName).waitFor({ state: 'hidden' });
    await page.screenshot({ path: shot('curtain', lang) });
    await page.keyboard.press('Shift');
    await curtain.dialog.waitFor({ state: 'detached' });
    await home.heading(AGENT.displayName).waitFor();

    // 10 min without input: the session locks; only the agent's password reopens it.
    await page.clock.fastForward(601_000);
    const lock = new LockScreen(page, lang);
    await lock.heading.waitFor();
    await lock.user(AGENT.displayName, AGENT.username).waitFor();
    expect(await home.heading(AGENT.displayName).count()).toBe(0);
    expect(await shell.nav.count()).toBe(0);
    await page.screenshot({ path: shot('lock', lang) });
    await lock.unlock(AGENT_NEW);
    await home.heading(AGENT.displayName).waitFor();

    // A later change back to the initial password is refused by the history rule.
    await shell.changePasswordButton.click();
    await change.voluntaryHeading.waitFor();
    await change.change(AGENT_NEW, AGENT.password);
    await change.refusal('password.reused', { count: 5 }).waitFor();
    await page.getByRole('button', { name: tr('password.cancel'), exact: true }).click();
    await home.heading(AGENT.displayName).waitFor();

    await shell.logout();
    await login.waitUntilShown();
    expect(app.problems).toEqual([]);
  });
});
