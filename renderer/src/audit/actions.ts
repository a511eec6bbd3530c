/** The access-log actions the UI knows by name (pure data: the i18n test imports it too). */
import type { ProcedureName } from '../../../shared/contract';

/** Actions the core writes to the access log itself. */
export const CORE_ACTIONS = [
  'vault.created',
  'login.ok',
  'login.failed',
  'login.refused',
  'lockout.locked',
  'logout',
  'account.added',
  'audit.verified',
  'audit.anchorExported',
  'audit.exported',
  'preauth.journalDamaged',
] as const;

/** Permission-gated procedures: the router logs them by name when it refuses or they fail. */
export const GATED_PROCEDURES = [
  'account.list',
  'account.add',
  'audit.list',
  'audit.verify',
  'audit.anchor',
] as const satisfies readonly ProcedureName[];

/** The session also logs refused exports under this name (no procedure yet). */
export const KNOWN_ACTIONS: readonly string[] = [...CORE_ACTIONS, ...GATED_PROCEDURES, 'audit.export'];
