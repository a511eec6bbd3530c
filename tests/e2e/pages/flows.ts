/** Multi-screen steps several tests share, built from the page objects. */
import type { Page } from 'playwright-core';
import { HomePage } from './home-page';
import { LoginPage } from './login-page';
import { SetupPage, type NewVault } from './setup-page';

/** First run: creates the vault through the UI and waits for the login screen. */
export async function createVault(page: Page, vault: NewVault): Promise<LoginPage> {
  const setup = new SetupPage(page);
  await setup.waitUntilShown();
  await setup.create(vault);
  const login = new LoginPage(page);
  await login.waitUntilShown();
  return login;
}

/** Signs in and waits for the home screen greeting. */
export async function signIn(
  page: Page,
  who: { username: string; password: string; displayName: string },
): Promise<HomePage> {
  await new LoginPage(page).login(who.username, who.password);
  const home = new HomePage(page);
  await home.heading(who.displayName).waitFor();
  return home;
}
