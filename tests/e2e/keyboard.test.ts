/** Everything the walk does also works from the keyboard alone. */
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshotIfFailed, type AppUnderTest } from './pages/app';
import { AuditPage } from './pages/audit-page';
import { createVault } from './pages/flows';
import { HomePage } from './pages/home-page';
import { LoginPage } from './pages/login-page';
import { ShellPage } from './pages/shell-page';
import { texts } from './pages/texts';

const IT = { username: 'it.sun', displayName: '孙工', password: 'Quill58harbor' };
const zh = texts('zh-CN');
const en = texts('en');

let app: AppUnderTest;
beforeAll(async () => {
  app = await openApp();
  await createVault(app.page, IT);
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
  it('signs in, navigates, verifies, exports an anchor, switches language and logs out', async () => {
    const { page } = app;
    const login = new LoginPage(page);
    await expect.poll(() => isFocused(login.username)).toBe(true);
    await page.keyboard.type(IT.username);
    await page.keyboard.press('Tab');
    await page.keyboard.type(IT.password);
    await page.keyboard.press('Enter');
    await new HomePage(page).heading(IT.displayName).waitFor();

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
