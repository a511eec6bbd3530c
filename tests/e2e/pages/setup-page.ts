/** Page object: first run ("create a new vault"). */
import type { Page } from 'playwright-core';
import { texts, type Lang } from './texts';

export interface NewVault {
  username: string;
  displayName?: string;
  password: string;
  confirm?: string;
}

export class SetupPage {
  private readonly tr;

  constructor(
    readonly page: Page,
    lang: Lang = 'zh-CN',
  ) {
    this.tr = texts(lang);
  }

  get heading() {
    return this.page.getByRole('heading', { name: this.tr('setup.title') });
  }
  get dataDir() {
    return this.page.getByLabel(this.tr('setup.dataDir'), { exact: true });
  }
  get username() {
    return this.page.getByLabel(this.tr('setup.username'), { exact: true });
  }
  get displayName() {
    return this.page.getByLabel(this.tr('setup.displayName'), { exact: true });
  }
  get password() {
    return this.page.getByLabel(this.tr('setup.password'), { exact: true });
  }
  get confirm() {
    return this.page.getByLabel(this.tr('setup.confirm'), { exact: true });
  }
  get submit() {
    return this.page.getByRole('button', { name: this.tr('setup.submit') });
  }

  async waitUntilShown(): Promise<void> {
    await this.heading.waitFor();
  }

  async create(v: NewVault): Promise<void> {
    await this.username.fill(v.username);
    if (v.displayName) await this.displayName.fill(v.displayName);
    await this.password.fill(v.password);
    await this.confirm.fill(v.confirm ?? v.password);
    await this.submit.click();
  }
}
