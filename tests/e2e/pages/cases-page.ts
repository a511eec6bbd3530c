/** Page object: 案件, the agent's workspace (list, case, reveal, assign). */
import type { Page } from 'playwright-core';
import { texts, type Lang, type Tr } from './texts';

export class CasesPage {
  readonly tr: Tr;

  constructor(
    readonly page: Page,
    lang: Lang = 'zh-CN',
  ) {
    this.tr = texts(lang);
  }

  async open(): Promise<void> {
    await this.page.getByRole('menuitem', { name: this.tr('nav.cases'), exact: true }).click();
    await this.heading.waitFor();
  }
  get heading() {
    return this.page.getByRole('heading', { level: 1, name: this.tr('cases.title') });
  }
  caseHeading(caseNo: string) {
    return this.page.getByRole('heading', { level: 1, name: this.tr('cases.page.title', { caseNo }) });
  }
  count(shown: number, total: number) {
    return this.page.getByRole('status').filter({ hasText: this.tr('cases.list.count', { shown, total }) });
  }
  row(caseNo: string) {
    return this.page.locator(`[data-case-no="${caseNo}"]`);
  }
  select(caseNo: string) {
    return this.page.getByRole('checkbox', { name: this.tr('cases.list.select', { caseNo }) });
  }
  button(key: string, params?: Record<string, string | number>) {
    return this.page.getByRole('button', { name: this.tr(key, params), exact: true });
  }
  get search() {
    return this.page.locator('#case-search');
  }
  /** The case numbers of the rows rendered, in order (the list is virtualised: those in view). */
  async caseNumbers(): Promise<string[]> {
    const rows = this.page.locator('[data-case-no]');
    await rows.first().waitFor();
    return rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-case-no') ?? ''));
  }
}
