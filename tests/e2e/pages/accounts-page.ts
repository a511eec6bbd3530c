/** Page object: accounts (table and, for IT, the "Add account" form). */
import type { Page } from 'playwright-core';
import { texts, type Lang } from './texts';

export interface NewAccount {
  username: string;
  displayName?: string;
  role: string;
  password: string;
}

export class AccountsPage {
  private readonly tr;

  constructor(
    readonly page: Page,
    lang: Lang = 'zh-CN',
  ) {
    this.tr = texts(lang);
  }

  get heading() {
    return this.page.getByRole('heading', { name: this.tr('accounts.title'), level: 1 });
  }
  get table() {
    return this.page.getByRole('table');
  }
  row(username: string) {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('cell', { name: username, exact: true }) });
  }
  get addButton() {
    return this.page.getByRole('button', { name: this.tr('accounts.add') });
  }

  async add(a: NewAccount): Promise<void> {
    const form = this.page.getByRole('form', { name: this.tr('accounts.addTitle') });
    await form.getByLabel(this.tr('accounts.username'), { exact: true }).fill(a.username);
    if (a.displayName)
      await form.getByLabel(this.tr('accounts.displayNameOptional'), { exact: true }).fill(a.displayName);
    // As a keyboard user would: type the role's name into the select, Enter picks the match.
    const role = form.getByRole('combobox', { name: this.tr('accounts.role'), exact: true });
    await role.fill(this.tr(`roles.${a.role}`));
    await role.press('Enter');
    await form.getByLabel(this.tr('accounts.password'), { exact: true }).fill(a.password);
    await this.addButton.click();
  }
}
