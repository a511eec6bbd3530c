/** Form hints from the contract's own validators (the router still decides): usernames and passwords. */
import type { TFunction } from 'i18next';
import type { Rule } from 'antd/es/form';
import { Username } from '../../../shared/contract';
import { compositionProblems, FLOOR_COMPOSITION } from '../../../shared/password-rules';

/** policy.md's floor, which first-run setup and IT-issued passwords must meet. */
export const PASSWORD_MIN = FLOOR_COMPOSITION.passwordMinLength;

export function usernameRules(t: TFunction): Rule[] {
  return [
    { required: true, whitespace: true, message: t('form.usernameRequired') },
    {
      validator: (_rule, value: unknown) =>
        typeof value !== 'string' || value === '' || Username.safeParse(value).success
          ? Promise.resolve()
          : Promise.reject(new Error(t('form.usernameRule'))),
    },
  ];
}

export function passwordRules(t: TFunction): Rule[] {
  return [
    { required: true, message: t('form.passwordRequired') },
    {
      validator: (_rule, value: unknown) =>
        typeof value !== 'string' || value === '' || compositionProblems(value, FLOOR_COMPOSITION).length === 0
          ? Promise.resolve()
          : Promise.reject(new Error(t('form.passwordWeak'))),
    },
  ];
}
