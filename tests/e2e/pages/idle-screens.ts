/** Page objects: the privacy curtain (屏保), the lock screen (锁屏) and the re-authentication prompt. */
import type { Page } from 'playwright-core';
import { opened } from './dialogs';
import { texts, type Lang } from './texts';

export class Curtain {
  private readonly tr;

  constructor(
    readonly page: Page,
    lang: Lang = 'zh-CN',
  ) {
    this.tr = texts(lang);
  }

  get dialog() {
    return this.page.getByRole('dialog', { name: this.tr('curtain.title') });
  }
}

export class LockScreen {
  private readonly tr;

  constructor(
    readonly page: Page,
    lang: Lang = 'zh-CN',
  ) {
    this.tr = texts(lang);
  }

  get heading() {
    return this.page.getByRole('heading', { name: this.tr('lock.title'), level: 1 });
  }
  /** The locked user, as the screen names them. */
  user(displayName: string, username: string) {
    return this.page.getByRole('cell', { name: `${displayName} (${username})`, exact: true });
  }
  get password() {
    return this.page.getByLabel(this.tr('lock.password'), { exact: true });
  }
  get unlockButton() {
    return this.page.getByRole('button', { name: this.tr('lock.unlock'), exact: true });
  }
  get switchUserButton() {
    return this.page.getByRole('button', { name: this.tr('lock.switchUser'), exact: true });
  }
  get error() {
    return this.page.getByRole('alert');
  }

  async unlock(password: string): Promise<void> {
    await this.password.fill(password);
    await this.unlockButton.click();
  }
}

export class ReauthDialog {
  private readonly tr;

  constructor(
    readonly page: Page,
    lang: Lang = 'zh-CN',
  ) {
    this.tr = texts(lang);
  }

  get dialog() {
    return this.page.getByRole('dialog', { name: this.tr('reauth.title') });
  }
  get error() {
    return this.dialog.getByRole('alert');
  }

  async confirm(password: string): Promise<void> {
    await opened(this.dialog);
    await this.dialog.getByLabel(this.tr('reauth.password'), { exact: true }).fill(password);
    await this.dialog.getByRole('button', { name: this.tr('reauth.confirm'), exact: true }).click();
  }
}
