/** Page object: the daily account ledger (账号管理台账). */
import type { Download, Page } from 'playwright-core';
import { texts, type Lang, type Tr } from './texts';

export class LedgerPage {
  readonly tr: Tr;

  constructor(
    readonly page: Page,
    lang: Lang = 'zh-CN',
  ) {
    this.tr = texts(lang);
  }

  get heading() {
    return this.page.getByRole('heading', { name: this.tr('ledger.title'), level: 1 });
  }
  get date() {
    return this.page.getByLabel(this.tr('ledger.date'), { exact: true });
  }
  get accounts() {
    return this.page.getByRole('region', { name: this.tr('ledger.accounts') });
  }
  get changes() {
    return this.page.getByRole('region', { name: this.tr('ledger.changes') });
  }
  accountRow(username: string) {
    return this.accounts.getByRole('row').filter({ has: this.page.getByRole('cell', { name: username, exact: true }) });
  }
  changeRow(action: string) {
    return this.changes
      .getByRole('row')
      .filter({ has: this.page.getByRole('cell', { name: this.tr(`actions.${action}`), exact: true }) });
  }

  /** Presses an export button and returns the browser's download. */
  async export(format: 'csv' | 'pdf'): Promise<Download> {
    const button = this.page.getByRole('button', {
      name: this.tr(format === 'csv' ? 'ledger.exportCsv' : 'ledger.exportPdf'),
    });
    const [download] = await Promise.all([this.page.waitForEvent('download'), button.click()]);
    return download;
  }
}
