/**
 * Procedure and event names and the two IPC channels, with no zod: the sandboxed preload bundles
 * this file alone. `tests/security/ipc-names.test.ts` proves the lists match `contract.ts`.
 */
export const PROCEDURE_NAMES = [
  'vault.status',
  'vault.create',
  'vault.joinFloor',
  'vault.rotateKey',
  'session.login',
  'session.current',
  'session.logout',
  'session.changePassword',
  'session.reauth',
  'session.activity',
  'session.lock',
  'account.list',
  'account.failures',
  'account.add',
  'account.reset',
  'account.unlock',
  'account.close',
  'account.role',
  'account.notices',
  'account.noticesSeen',
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
  'audit.export',
  'import.templates',
  'import.chooseArchive',
  'import.start',
  'import.admit',
  'import.check',
  'import.commit',
  'import.destroySource',
  'import.cancel',
  'import.certificate',
  'import.addTemplate',
  'case.count',
  'case.batches',
  'case.list',
  'case.get',
  'case.reveal',
  'case.copy',
  'case.assign',
  'case.extendFirstContact',
  'team.list',
  'team.create',
  'team.addMember',
  'team.removeMember',
  'contact.check',
  'contact.start',
  'contact.record',
  'contact.outcomes',
  'contact.setOutcome',
  'contact.history',
  'contact.override',
  'payment.record',
  'complaint.raise',
  'complaint.clear',
  'complaint.notifyBank',
  'complaint.list',
  'holiday.calendar',
  'holiday.check',
  'holiday.import',
  'visit.request',
  'visit.decide',
  'visit.report',
  'visit.list',
  'board.lead',
] as const;

export const EVENT_NAMES = ['audit.verifyProgress', 'import.progress', 'session.ended'] as const;

export const IPC_INVOKE_CHANNEL = 'strongroom:invoke';
export const IPC_EVENT_CHANNEL = 'strongroom:event';

/** What the renderer sends on IPC_INVOKE_CHANNEL. */
export interface InvokeMessage {
  name: string;
  input: unknown;
}

/** What the main process sends on IPC_EVENT_CHANNEL. */
export interface EventMessage {
  event: string;
  payload: unknown;
}

export function isProcedureName(name: unknown): name is (typeof PROCEDURE_NAMES)[number] {
  return typeof name === 'string' && (PROCEDURE_NAMES as readonly string[]).includes(name);
}

export function isEventName(name: unknown): name is (typeof EVENT_NAMES)[number] {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}
