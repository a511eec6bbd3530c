/** The access-log actions the UI knows by name (pure data: the i18n test imports it too). */
import type { ProcedureName } from '../../../shared/contract';
import { PROCEDURE_NAMES } from '../../../shared/ipc-names';

/** Actions the core writes to the access log itself. */
export const CORE_ACTIONS = [
  'vault.created',
  'login.ok',
  'login.failed',
  'login.refused',
  'login.unboundSeat',
  'lockout.locked',
  'logout',
  'password.changed',
  'session.reauth',
  'account.added',
  'account.reset',
  'account.unlocked',
  'account.closed',
  'account.roleChanged',
  'seat.bound',
  'seat.unbound',
  'seat.flagged',
  'role.permissionsChanged',
  'policy.changed',
  'ledger.generated',
  'audit.verified',
  'audit.anchorExported',
  'audit.exported',
  'preauth.journalDamaged',
] as const;

/** Permission-gated procedures: the router logs them by name when it refuses or they fail. */
export const GATED_PROCEDURES: readonly ProcedureName[] = PROCEDURE_NAMES.filter(
  (name) => !name.startsWith('vault.') && !name.startsWith('session.'),
);

/** Session procedures whose failures the router also logs by name. */
export const AUDITED_SESSION_PROCEDURES = ['session.changePassword'] as const satisfies readonly ProcedureName[];

/** The session also logs refused exports under this name (no procedure yet). */
export const KNOWN_ACTIONS: readonly string[] = [
  ...new Set<string>([...CORE_ACTIONS, ...GATED_PROCEDURES, ...AUDITED_SESSION_PROCEDURES, 'audit.export']),
];
