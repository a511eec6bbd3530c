/** Catalog lookups for values that come from the core: roles, permissions, states, audit actions, outcomes, errors. */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Permission } from '../../../shared/permissions';
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

/** The file floor.pemUnusable is about, as the core names it or as the contract's field. */
const PEM_KINDS = new Map([
  ['CA certificate', 'ca'],
  ['certificate', 'cert'],
  ['private key', 'key'],
  ['ca', 'ca'],
  ['cert', 'cert'],
  ['key', 'key'],
]);

/** A clear, actionable message for any failure; unknown keys get the generic message. */
export function errorText(t: TFunction, error: unknown): string {
  if (error instanceof CallFailure) {
    const key = `errors.${error.key}`;
    const params = { ...error.params };
    // policy.outOfBounds names the field in code: say it the way the policy page labels it.
    if (typeof params.field === 'string' && hasText(`policy.fields.${params.field}`))
      params.field = t(`policy.fields.${params.field}`);
    // floor.pemUnusable names the file in English code words (or not at all): say it in the catalog's.
    if (error.key === 'floor.pemUnusable')
      params.kind = t(`setup.floor.kinds.${PEM_KINDS.get(String(params.kind ?? params.field)) ?? 'any'}`);
    if (hasText(key)) return t(key, params);
  }
  return t('errors.generic');
}

/** A value the core sends as a plain string (ledger states, roles): its label, or itself. */
function labelOr(t: TFunction, key: string, raw: string): string {
  return hasText(key) ? t(key) : raw;
}

/** The label helpers bound to the current language (re-rendering when it changes). */
export function useLabels() {
  const { t } = useTranslation();
  return {
    t,
    role: (role: Role) => t(`roles.${role}`),
    roleOf: (role: string) => labelOr(t, `roles.${role}`, role),
    permission: (permission: Permission) => t(`permissions.${permission}`),
    state: (state: string) => labelOr(t, `accounts.states.${state}`, state),
    action: (action: string) => actionLabel(t, action),
    outcome: (outcome: 'ok' | 'denied' | 'failed') => t(`outcomes.${outcome}`),
    error: (error: unknown) => errorText(t, error),
  };
}
