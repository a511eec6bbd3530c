/** Page object: account management (the accounts table, its row actions and dialogs, the "add account" form). */
import type { Page } from 'playwright-core';
import { opened } from './dialogs';
import { texts, type Lang, type Tr } from './texts';

export interface NewAccount {
  username: string;
  displayName?: string;
  role: string;
  password: string;
  /** Left as prefilled (this seat) when undefined; '' clears it. */
  seat?: string;
}

export type RowAction = 'failures' | 'reset' | 'unlock' | 'role' | 'close';
export type AccountState = 'active' | 'mustChange' | 'expiring' | 'locked' | 'closed';

export class AccountsPage {
  readonly tr: Tr;

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
    return this.page.getByRole('table').first();
  }
  row(username: string) {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('cell', { name: username, exact: true }) });
  }
  /** The row, once it shows this state as text. */
  rowInState(username: string, state: AccountState) {
    return this.row(username).filter({
      has: this.page.getByText(this.tr(`accounts.states.${state}`), { exact: true }),
    });
  }
  action(username: string, action: RowAction) {
    return this.row(username).getByRole('button', { name: this.tr(`accounts.actions.${action}`), exact: true });
  }
  get addForm() {
    return this.page.getByRole('form', { name: this.tr('accounts.addTitle') });
  }
  get seatField() {
    return this.addForm.getByLabel(this.tr('accounts.seatOptional'), { exact: true });
  }
  get addButton() {
    return this.page.getByRole('button', { name: this.tr('accounts.add') });
  }
  dialog(titleKey: string, username: string) {
    return this.page.getByRole('dialog', { name: this.tr(titleKey, { username }) });
  }

  async add(a: NewAccount): Promise<void> {
    const form = this.addForm;
    await form.getByLabel(this.tr('accounts.username'), { exact: true }).fill(a.username);
    if (a.displayName)
      await form.getByLabel(this.tr('accounts.displayNameOptional'), { exact: true }).fill(a.displayName);
    // As a keyboard user would: type the role's name into the select, Enter picks the match.
    const role = form.getByRole('combobox', { name: this.tr('accounts.role'), exact: true });
    await role.fill(this.tr(`roles.${a.role}`));
    await role.press('Enter');
    await form.getByLabel(this.tr('accounts.password'), { exact: true }).fill(a.password);
    if (a.seat !== undefined) await this.seatField.fill(a.seat);
    await this.addButton.click();
  }

  /** Fills the reason (and any confirmation) of an open row-action dialog and presses its OK button. */
  private async confirmWithReason(titleKey: string, okKey: string, username: string, reason: string, tick?: string) {
    const dialog = await opened(this.dialog(titleKey, username));
    if (tick) await dialog.getByRole('checkbox', { name: this.tr(tick, { username }) }).check();
    await dialog.getByLabel(this.tr('admin.reason'), { exact: true }).fill(reason);
    await dialog.getByRole('button', { name: this.tr(okKey), exact: true }).click();
    return dialog;
  }

  async unlock(username: string, reason: string) {
    await this.action(username, 'unlock').click();
    return this.confirmWithReason('accounts.unlock.title', 'accounts.unlock.ok', username, reason);
  }

  async close(username: string, reason: string) {
    await this.action(username, 'close').click();
    return this.confirmWithReason(
      'accounts.close.title',
      'accounts.close.ok',
      username,
      reason,
      'accounts.close.confirm',
    );
  }

  /** Starts a password reset; the one-time password dialog (or a re-auth prompt) follows. */
  async reset(username: string, reason: string) {
    await this.action(username, 'reset').click();
    return this.confirmWithReason('accounts.reset.title', 'accounts.reset.ok', username, reason);
  }

  oneTimeDialog(username: string) {
    return this.dialog('accounts.oneTime.title', username);
  }

  /** Reads the one-time password shown once, then closes its dialog. */
  async takeOneTimePassword(username: string): Promise<string> {
    const dialog = await opened(this.oneTimeDialog(username));
    const password = await dialog.getByLabel(this.tr('accounts.oneTime.label'), { exact: true }).inputValue();
    await dialog.getByRole('button', { name: this.tr('accounts.oneTime.done'), exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    return password;
  }

  /** The second person's approval step (resetting, adding or making an auditor or general manager). */
  get approvalDialog() {
    return this.page.getByRole('dialog', { name: this.tr('approval.title') });
  }

  /** The approver types their own username and password in the approval step and approves. */
  async approve(username: string, password: string): Promise<void> {
    const dialog = await opened(this.approvalDialog);
    await dialog.getByLabel(this.tr('approval.username'), { exact: true }).fill(username);
    await dialog.getByLabel(this.tr('approval.password'), { exact: true }).fill(password);
    await dialog.getByRole('button', { name: this.tr('approval.ok'), exact: true }).click();
  }

  failuresDrawer(username: string) {
    return this.page.getByRole('dialog', { name: this.tr('accounts.failuresTitle', { username }) });
  }
}
