/** Multi-screen steps several tests share, built from the page objects. */
import type { Page } from 'playwright-core';
import { ChangePasswordPage } from './change-password-page';
import { HomePage } from './home-page';
import { LoginPage } from './login-page';
import { NoticesDialog } from './notices-dialog';
import { SetupPage, type NewVault } from './setup-page';
import type { Lang } from './texts';

/** First run: creates the vault through the UI and waits for the login screen. */
export async function createVault(page: Page, vault: NewVault, lang: Lang = 'zh-CN'): Promise<LoginPage> {
  const setup = new SetupPage(page, lang);
  await setup.waitUntilShown();
  await setup.create(vault);
  const login = new LoginPage(page, lang);
  await login.waitUntilShown();
  return login;
}

export interface Person {
  username: string;
  password: string;
  displayName: string;
}

/** Signs in and waits for the home screen greeting. */
export async function signIn(page: Page, who: Person, lang: Lang = 'zh-CN'): Promise<HomePage> {
  await new LoginPage(page, lang).login(who.username, who.password);
  const home = new HomePage(page, lang);
  await home.heading(who.displayName).waitFor();
  return home;
}

/**
 * A new account's first sign-in: the one-time password IT set opens only the change-password
 * screen; the new password leads home. Returns the person with their new password.
 */
export async function signInFirstTime(
  page: Page,
  who: Person,
  newPassword: string,
  lang: Lang = 'zh-CN',
): Promise<Person> {
  await new LoginPage(page, lang).login(who.username, who.password);
  const change = new ChangePasswordPage(page, lang);
  await change.forcedHeading('oneTime').waitFor();
  await change.change(who.password, newPassword);
  await new HomePage(page, lang).heading(who.displayName).waitFor();
  return { ...who, password: newPassword };
}

/** Closes the notices shown after a sign-in (what was done to the account), once they are shown. */
export async function acknowledgeNotices(page: Page, lang: Lang = 'zh-CN'): Promise<NoticesDialog> {
  const notices = new NoticesDialog(page, lang);
  await notices.dialog.waitFor();
  await notices.acknowledge();
  return notices;
}
