/** The access-log actions the UI knows by name (pure data: the i18n test imports it too). */
import type { ProcedureName } from '../../../shared/contract';

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
export const GATED_PROCEDURES = [
  'account.list',
  'account.failures',
  'account.add',
  'account.reset',
  'account.unlock',
  'account.close',
  'account.role',
  'seat.list',
  'seat.bind',
  'seat.unbind',
  'seat.flag',
  'role.matrix',
  'role.set',
  'policy.get',
  'policy.set',
  'ledger.daily',
  'ledger.export',
  'audit.list',
  'audit.verify',
  'audit.anchor',
] as const satisfies readonly ProcedureName[];

/** Session procedures whose failures the router also logs by name. */
export const AUDITED_SESSION_PROCEDURES = ['session.changePassword'] as const satisfies readonly ProcedureName[];

/** The session also logs refused exports under this name (no procedure yet). */
export const KNOWN_ACTIONS: readonly string[] = [
  ...new Set<string>([...CORE_ACTIONS, ...GATED_PROCEDURES, ...AUDITED_SESSION_PROCEDURES, 'audit.export']),
];
