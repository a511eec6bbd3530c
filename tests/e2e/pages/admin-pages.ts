/** Page objects: seats, roles & permissions, security policy. */
import type { Page } from 'playwright-core';
import { opened } from './dialogs';
import { texts, type Lang, type Tr } from './texts';

class AdminPage {
  readonly tr: Tr;

  constructor(
    readonly page: Page,
    lang: Lang = 'zh-CN',
  ) {
    this.tr = texts(lang);
  }

  /** A confirmation or reason dialog by its title. */
  dialog(titleKey: string, params: Record<string, string | number> = {}) {
    return this.page.getByRole('dialog', { name: this.tr(titleKey, params) });
  }
}

export class SeatsPage extends AdminPage {
  get heading() {
    return this.page.getByRole('heading', { name: this.tr('seats.title'), level: 1 });
  }
  row(seat: string) {
    return this.page.getByRole('row').filter({ hasText: seat });
  }
  flagButton(seat: string, on: boolean) {
    return this.row(seat).getByRole('button', { name: this.tr(on ? 'seats.flagOnButton' : 'seats.flagOffButton') });
  }
  unbindButton(seat: string, username: string) {
    return this.row(seat).getByRole('button', { name: this.tr('seats.unbindFor', { username }) });
  }
  get bindForm() {
    return this.page.getByRole('form', { name: this.tr('seats.bindTitle') });
  }

  async confirm(titleKey: string, params: Record<string, string>): Promise<void> {
    const dialog = await opened(this.dialog(titleKey, params));
    await dialog.getByRole('button', { name: this.tr('admin.confirm'), exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  async bind(accountLabel: string, seat: string): Promise<void> {
    const account = this.bindForm.getByRole('combobox', { name: this.tr('seats.account'), exact: true });
    await account.fill(accountLabel);
    await account.press('Enter');
    await this.bindForm.getByLabel(this.tr('seats.seat'), { exact: true }).fill(seat);
    await this.bindForm.getByRole('button', { name: this.tr('seats.bind'), exact: true }).click();
  }
}

export class RolesPage extends AdminPage {
  get heading() {
    return this.page.getByRole('heading', { name: this.tr('matrix.title'), level: 1 });
  }
  cell(role: string, permission: string) {
    return this.page.getByRole('checkbox', {
      name: this.tr('matrix.cell', {
        role: this.tr(`roles.${role}`),
        permission: this.tr(`permissions.${permission}`),
      }),
      exact: true,
    });
  }
  saveButton(role: string) {
    return this.page.getByRole('button', {
      name: this.tr('matrix.saveFor', { role: this.tr(`roles.${role}`) }),
      exact: true,
    });
  }

  /** Saves a role's row with a reason; returns the dialog (it stays open with the refusal, if any). */
  async save(role: string, reason: string) {
    await this.saveButton(role).click();
    const dialog = await opened(this.dialog('matrix.saveTitle', { role: this.tr(`roles.${role}`) }));
    await dialog.getByLabel(this.tr('admin.reason'), { exact: true }).fill(reason);
    await dialog.getByRole('button', { name: this.tr('matrix.save'), exact: true }).click();
    return dialog;
  }
}

export class PolicyPage extends AdminPage {
  get heading() {
    return this.page.getByRole('heading', { name: this.tr('policy.title'), level: 1 });
  }
  get form() {
    return this.page.getByRole('form', { name: this.tr('policy.title') });
  }
  field(name: string) {
    return this.form.getByLabel(this.tr(`policy.fields.${name}`), { exact: true });
  }
  get saveButton() {
    return this.form.getByRole('button', { name: this.tr('policy.save'), exact: true });
  }

  async save(changes: Record<string, number>, reason: string): Promise<void> {
    for (const [name, value] of Object.entries(changes)) await this.field(name).fill(String(value));
    await this.form.getByLabel(this.tr('admin.reason'), { exact: true }).fill(reason);
    await this.saveButton.click();
  }

  /** Rotates the vault master key with a reason; waits for the dialog to close. */
  async rotateVaultKey(reason: string): Promise<void> {
    await this.page.getByRole('button', { name: this.tr('vaultKey.rotate'), exact: true }).click();
    const dialog = await opened(this.page.getByRole('dialog', { name: this.tr('vaultKey.confirmTitle') }));
    await dialog.getByLabel(this.tr('admin.reason'), { exact: true }).fill(reason);
    await dialog.getByRole('button', { name: this.tr('vaultKey.confirm'), exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  /** The message after a rotation, whatever epoch it names. */
  get rotatedMessage() {
    const [before = '', after = ''] = this.tr('vaultKey.rotated', { epoch: '\u0000' }).split('\u0000');
    const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return this.page.getByText(new RegExp(`${escape(before)}\\d+${escape(after)}`));
  }
}
