/** The access-log actions the UI knows by name: the registry's (pure data: the i18n test imports it too). */
import { AUDIT_ACTIONS } from '../../../shared/audit-actions';

export const KNOWN_ACTIONS: readonly string[] = Object.keys(AUDIT_ACTIONS);
