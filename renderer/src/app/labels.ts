/** Catalog lookups for values that come from the core: roles, audit actions, outcomes, errors. */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../shared/roles';
import { KNOWN_ACTIONS } from '../audit/actions';
import { CallFailure } from './client';
import { currentLanguage, i18n } from '../i18n';

export { KNOWN_ACTIONS, ROLES };

/** Whether the catalog holds a text (not a group of texts) under this key. */
function hasText(key: string): boolean {
  return typeof i18n.getResource(currentLanguage(), 'translation', key) === 'string';
}

/** The translated label of an access-log action, or the raw action when the catalog has none. */
export function actionLabel(t: TFunction, action: string): string {
  const key = `actions.${action}`;
  return KNOWN_ACTIONS.includes(action) && hasText(key) ? t(key) : action;
}

/** A clear, actionable message for any failure; unknown keys get the generic message. */
export function errorText(t: TFunction, error: unknown): string {
  if (error instanceof CallFailure) {
    const key = `errors.${error.key}`;
    if (hasText(key)) return t(key, error.params);
  }
  return t('errors.generic');
}

/** The label helpers bound to the current language (re-rendering when it changes). */
export function useLabels() {
  const { t } = useTranslation();
  return {
    t,
    role: (role: Role) => t(`roles.${role}`),
    action: (action: string) => actionLabel(t, action),
    outcome: (outcome: 'ok' | 'denied' | 'failed') => t(`outcomes.${outcome}`),
    error: (error: unknown) => errorText(t, error),
  };
}
