/** Page object: 案件导入, the import ceremony page. */
import type { Page } from 'playwright-core';
import { texts, type Lang, type Tr } from './texts';

export class ImportPage {
  readonly tr: Tr;

  constructor(
    readonly page: Page,
    lang: Lang = 'zh-CN',
  ) {
    this.tr = texts(lang);
  }

  get heading() {
    return this.page.getByRole('heading', { level: 1, name: this.tr('import.title') });
  }
  get path() {
    return this.page.getByLabel(this.tr('import.archive.path'));
  }
  button(key: string, params?: Record<string, string | number>) {
    return this.page.getByRole('button', { name: this.tr(key, params) });
  }
  field(slot: 'A' | 'B', key: 'username' | 'password' | 'half') {
    return this.page.locator(`#custodian-${slot}-${key}`);
  }
  text(key: string, params?: Record<string, string | number>) {
    return this.page.getByText(this.tr(key, params));
  }

  async start(file: string): Promise<void> {
    await this.path.fill(file);
    await this.button('import.archive.start').click();
  }

  /** One custodian's turn, typed as they would (Tab between fields, Enter to send). */
  async custodian(slot: 'A' | 'B', who: { username: string; password: string }, half: string): Promise<void> {
    await this.field(slot, 'username').fill(who.username);
    await this.field(slot, 'password').fill(who.password);
    await this.field(slot, 'half').fill(half);
    await this.field(slot, 'half').press('Enter');
  }
}
