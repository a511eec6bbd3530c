/** Page object: the login screen (seat, vault, username, password). */
import type { Page } from 'playwright-core';
import { texts, type Lang } from './texts';

export class LoginPage {
  private readonly tr;

  constructor(
    readonly page: Page,
    lang: Lang = 'zh-CN',
  ) {
    this.tr = texts(lang);
  }

  get heading() {
    return this.page.getByRole('heading', { name: this.tr('login.title') });
  }
  get username() {
    return this.page.getByLabel(this.tr('login.username'), { exact: true });
  }
  get password() {
    return this.page.getByLabel(this.tr('login.password'), { exact: true });
  }
  get submit() {
    return this.page.getByRole('button', { name: this.tr('login.submit'), exact: true });
  }
  /** The error shown after a refused login. */
  get error() {
    return this.page.getByRole('alert');
  }
  cell(text: string) {
    return this.page.getByRole('cell', { name: text, exact: true });
  }

  async waitUntilShown(): Promise<void> {
    await this.heading.waitFor();
  }

  async login(username: string, password: string): Promise<void> {
    await this.username.fill(username);
    await this.password.fill(password);
    await this.submit.click();
  }

  /** Signs in expecting a refusal; returns once it came (the screen empties the password). */
  async loginRefused(username: string, password: string): Promise<void> {
    await this.login(username, password);
    await this.page.waitForFunction((label) => {
      const input = [...document.querySelectorAll('input')].find((i) => i.labels?.[0]?.textContent === label);
      return input?.value === '';
    }, this.tr('login.password'));
  }
}
