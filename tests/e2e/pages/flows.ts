/** Multi-screen steps several tests share, built from the page objects. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { defaultEnv } from '../../../electron/core/vault/env';
import { prepareFloor } from '../../fixtures/floor-vault';
import { sharedCluster } from '../../fixtures/pg-shared';
import { testStore } from '../../fixtures/store';
import { MACHINE_ID } from './app';
import { JoinFloorPage } from './join-floor-page';
import { ChangePasswordPage } from './change-password-page';
import { HomePage } from './home-page';
import { LoginPage } from './login-page';
import { NoticesDialog } from './notices-dialog';
import { SetupPage, type NewVault } from './setup-page';
import type { Lang } from './texts';

/**
 * First run, on this run's store, and waits for the login screen: "this station" creates the
 * vault through the UI; on a floor its DBA sets it up with `vault` as the first IT account, on
 * this harness's machine, and the first run joins it with the seat's three PEM files.
 */
export async function createVault(page: Page, vault: NewVault, lang: Lang = 'zh-CN'): Promise<LoginPage> {
  if (testStore() === 'postgres') await joinNewFloor(page, vault, lang);
  else {
    const setup = new SetupPage(page, lang);
    await setup.waitUntilShown();
    await setup.create(vault);
  }
  const login = new LoginPage(page, lang);
  await login.waitUntilShown();
  return login;
}

/** The floor's database and roles stay until the run's cluster is removed at its end. */
async function joinNewFloor(page: Page, vault: NewVault, lang: Lang): Promise<void> {
  const cluster = sharedCluster();
  const floor = await prepareFloor(cluster, { ...defaultEnv, machineId: () => MACHINE_ID }, vault);
  const seat = await floor.admit(floor.seatId);
  // What IT hands the seat's user; the join copies them into the data directory.
  const files = await mkdtemp(path.join(os.tmpdir(), 'strongroom-e2e-seat-'));
  try {
    const file = async (name: string, text: string) => {
      await writeFile(path.join(files, name), text, { mode: 0o600 });
      return path.join(files, name);
    };
    const join = new JoinFloorPage(page, lang);
    await join.open();
    await join.join({
      host: '127.0.0.1',
      port: cluster.port,
      database: floor.database,
      role: seat.role,
      servername: 'localhost',
      ca: await file('floor-ca.pem', cluster.ca ?? ''),
      cert: await file('seat.pem', seat.cert),
      key: await file('seat.key', seat.key),
    });
    await new LoginPage(page, lang).waitUntilShown();
  } finally {
    await rm(files, { recursive: true, force: true });
  }
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
