/** Client-side hints that mirror the core's rules (the core still decides): usernames and passwords. */
import type { TFunction } from 'i18next';
import type { Rule } from 'antd/es/form';

/** policy.md: at least 8 characters, letters and digits (the floor's default). */
export const PASSWORD_MIN = 8;

export function passwordAcceptable(password: string): boolean {
  return [...password].length >= PASSWORD_MIN && /\p{L}/u.test(password) && /\p{Nd}/u.test(password);
}

/** The contract's Username: 2–64 letters, digits, dot, underscore or hyphen. */
const USERNAME = /^[\p{L}\p{N}._-]{2,64}$/u;

export function usernameRules(t: TFunction): Rule[] {
  return [
    { required: true, whitespace: true, message: t('form.usernameRequired') },
    { pattern: USERNAME, message: t('form.usernameRule') },
  ];
}

export function passwordRules(t: TFunction): Rule[] {
  return [
    { required: true, message: t('form.passwordRequired') },
    {
      validator: (_rule, value: unknown) =>
        typeof value !== 'string' || value === '' || passwordAcceptable(value)
          ? Promise.resolve()
          : Promise.reject(new Error(t('form.passwordWeak'))),
    },
  ];
}
