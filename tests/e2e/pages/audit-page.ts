/** Page object: the access log (table, filters, Verify, Export anchor). */
import type { Page } from 'playwright-core';
import { opened } from './dialogs';
import { texts, type Lang } from './texts';

export interface AnchorShown {
  seq: string;
  hash: string;
  json: string;
}

export class AuditPage {
  private readonly tr;

  constructor(
    readonly page: Page,
    lang: Lang = 'zh-CN',
  ) {
    this.tr = texts(lang);
  }

  get heading() {
    return this.page.getByRole('heading', { name: this.tr('audit.title'), level: 1 });
  }
  get table() {
    return this.page.getByRole('table');
  }
  /** The row(s) showing this user doing this action (by its translated label). */
  row(user: string, action: string) {
    return this.table
      .getByRole('row')
      .filter({ has: this.page.getByRole('cell', { name: user, exact: true }) })
      .filter({ has: this.page.getByRole('cell', { name: this.tr(`actions.${action}`), exact: true }) });
  }
  get verifyButton() {
    return this.page.getByRole('button', { name: this.tr('audit.verify.button'), exact: true });
  }
  get anchorInput() {
    return this.page.getByLabel(this.tr('audit.verify.anchorLabel'));
  }
  get progress() {
    return this.page.getByRole('progressbar', { name: this.tr('audit.verify.progress') });
  }
  resultAlert(text: string) {
    return this.page.getByRole('alert').filter({ hasText: text });
  }
  get exportAnchorButton() {
    return this.page.getByRole('button', { name: this.tr('audit.anchor.button') });
  }
  get anchorDialog() {
    return this.page.getByRole('dialog', { name: this.tr('audit.anchor.title') });
  }

  async verify(anchorJson = ''): Promise<void> {
    await this.anchorInput.fill(anchorJson);
    await this.verifyButton.click();
  }

  /** Exports an anchor and reads what the dialog shows, then presses Copy and closes it. */
  async exportAnchor(): Promise<AnchorShown> {
    await this.exportAnchorButton.click();
    const dialog = await opened(this.anchorDialog);
    const shown = {
      seq: await dialog.getByLabel(this.tr('audit.anchor.seq'), { exact: true }).inputValue(),
      hash: await dialog.getByLabel(this.tr('audit.anchor.hash'), { exact: true }).inputValue(),
      json: await dialog.getByLabel(this.tr('audit.anchor.json'), { exact: true }).inputValue(),
    };
    await dialog.getByRole('button', { name: this.tr('audit.anchor.copy') }).click();
    await dialog.getByRole('button', { name: this.tr('audit.anchor.done') }).click();
    await dialog.waitFor({ state: 'hidden' });
    return shown;
  }

  async filterByUser(user: string): Promise<void> {
    await this.page.getByLabel(this.tr('audit.filter.user'), { exact: true }).fill(user);
    await this.page.getByRole('button', { name: this.tr('audit.filter.apply') }).click();
  }

  /** Days are `YYYY-MM-DD` in the seat's time zone. */
  async filterByDates(from: string, to: string): Promise<void> {
    await this.page.getByLabel(this.tr('audit.filter.from'), { exact: true }).fill(from);
    await this.page.getByLabel(this.tr('audit.filter.to'), { exact: true }).fill(to);
    await this.page.getByRole('button', { name: this.tr('audit.filter.apply') }).click();
  }

  async resetFilters(): Promise<void> {
    await this.page.getByRole('button', { name: this.tr('audit.filter.reset') }).click();
  }
}
