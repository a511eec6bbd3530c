/** Page object: the dialog after sign-in telling the owner what was done to their account, or in their name. */
import type { Page } from 'playwright-core';
import { opened } from './dialogs';
import { texts, type Lang, type Tr } from './texts';

export class NoticesDialog {
  readonly tr: Tr;

  constructor(
    readonly page: Page,
    lang: Lang = 'zh-CN',
  ) {
    this.tr = texts(lang);
  }

  get dialog() {
    return this.page.getByRole('dialog', { name: this.tr('notices.title') });
  }
  get okButton() {
    return this.dialog.getByRole('button', { name: this.tr('notices.ok'), exact: true });
  }
  /** The row saying this (a notice kind with its values, as the catalog words it). */
  row(kind: string, values: Record<string, string> = {}) {
    return this.dialog.getByRole('row').filter({
      has: this.page.getByRole('cell', { name: this.tr(`notices.kinds.${kind}`, values), exact: true }),
    });
  }
  get rows() {
    return this.dialog.getByRole('row');
  }

  /** Closes it with its button: seen, it is not shown again. */
  async acknowledge(): Promise<void> {
    await opened(this.dialog);
    await this.okButton.click();
    await this.dialog.waitFor({ state: 'hidden' });
  }
}
