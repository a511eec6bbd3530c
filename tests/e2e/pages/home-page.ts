/** Page object: the home screen (who, which role, which seat). */
import type { Page } from 'playwright-core';
import { texts, type Lang } from './texts';

export class HomePage {
  private readonly tr;

  constructor(
    readonly page: Page,
    lang: Lang = 'zh-CN',
  ) {
    this.tr = texts(lang);
  }

  heading(displayName: string) {
    return this.page.getByRole('heading', { name: this.tr('home.title', { name: displayName }) });
  }
  /** A value in the details table (display name, username, role label, seat). */
  value(text: string) {
    return this.page.getByRole('cell', { name: text, exact: true });
  }
  roleValue(role: string) {
    return this.value(this.tr(`roles.${role}`));
  }
}
