/** Page object: the signed-in frame (menu, language switch, logout). */
import type { Page } from 'playwright-core';
import { texts, type Lang, type Tr } from './texts';

export type Section = 'home' | 'audit' | 'accounts' | 'seats' | 'roles' | 'policy' | 'ledger';

export class ShellPage {
  tr: Tr;

  constructor(
    readonly page: Page,
    public lang: Lang = 'zh-CN',
  ) {
    this.tr = texts(lang);
  }

  get nav() {
    return this.page.getByRole('navigation', { name: this.tr('nav.label') });
  }
  menuItem(section: Section) {
    return this.nav.getByRole('menuitem', { name: this.tr(`nav.${section}`), exact: true });
  }
  get changePasswordButton() {
    return this.page.getByRole('button', { name: this.tr('shell.changePassword'), exact: true });
  }
  get logoutButton() {
    return this.page.getByRole('button', { name: this.tr('shell.logout') });
  }
  languageOption(lang: Lang) {
    return this.page
      .getByRole('group', { name: this.tr('app.language') })
      .getByRole('button', { name: lang === 'en' ? 'English' : '中文' });
  }

  async open(section: Section): Promise<void> {
    await this.menuItem(section).click();
    await this.page.getByRole('heading', { level: 1 }).first().waitFor();
  }

  /** Switches the UI language; page objects made afterwards should use the same language. */
  async switchLanguage(lang: Lang): Promise<void> {
    await this.languageOption(lang).click();
    this.lang = lang;
    this.tr = texts(lang);
    await this.page
      .getByRole('group', { name: this.tr('app.language') })
      .getByRole('button', { name: lang === 'en' ? 'English' : '中文', pressed: true })
      .waitFor();
  }

  async logout(): Promise<void> {
    await this.logoutButton.click();
  }
}
