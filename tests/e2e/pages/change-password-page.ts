/** Page object: the change-password screen (forced after login, or from the header). */
import type { Page } from 'playwright-core';
import { texts, type Lang } from './texts';

export type Rule = 'length' | 'letter' | 'digit' | 'upper' | 'lower' | 'symbol';

export class ChangePasswordPage {
  private readonly tr;

  constructor(
    readonly page: Page,
    lang: Lang = 'zh-CN',
  ) {
    this.tr = texts(lang);
  }

  /** The forced screen's heading says why: expired, or a one-time password from IT. */
  forcedHeading(why: 'expired' | 'oneTime') {
    return this.page.getByRole('heading', { name: this.tr(`password.forced.${why}.title`), level: 1 });
  }
  get voluntaryHeading() {
    return this.page.getByRole('heading', { name: this.tr('password.title'), level: 1 });
  }
  get form() {
    return this.page.getByRole('form', { name: this.tr('password.formLabel') });
  }
  get current() {
    return this.form.getByLabel(this.tr('password.current'), { exact: true });
  }
  get next() {
    return this.form.getByLabel(this.tr('password.new'), { exact: true });
  }
  get confirm() {
    return this.form.getByLabel(this.tr('password.confirm'), { exact: true });
  }
  get rules() {
    return this.form.getByRole('list', { name: this.tr('password.rulesLabel') });
  }
  rule(rule: Rule, min = 8) {
    return this.rules.getByRole('listitem').filter({ hasText: this.tr(`password.rules.${rule}`, { min }) });
  }
  /** Whether the rule's item says it is met (the state is part of its text). */
  async ruleMet(rule: Rule, min = 8): Promise<boolean> {
    const text = (await this.rule(rule, min).textContent()) ?? '';
    return text.includes(this.tr('password.met')) && !text.includes(this.tr('password.unmet'));
  }
  get submit() {
    return this.form.getByRole('button', { name: this.tr('password.submit'), exact: true });
  }
  /** The refusal shown after a failed change. */
  refusal(key: string, params: Record<string, string | number> = {}) {
    return this.page.getByRole('alert').filter({ hasText: this.tr(`errors.${key}`, params) });
  }

  async change(current: string, next: string): Promise<void> {
    await this.current.fill(current);
    await this.next.fill(next);
    await this.confirm.fill(next);
    await this.submit.click();
  }
}
