/**
 * What one notice says to the account's owner (account.notices): a kind and its values, which
 * the app renders from its catalogs (`notices.kinds.<kind>`) and the CLI in English.
 */
import type { AuditEventView } from './contract/audit';

export const NOTICE_KINDS = [
  'added',
  'reset',
  'unlocked',
  'roleChanged',
  'seatBound',
  'seatUnbound',
  'approvedForYou',
  'youApproved',
  'refusedForYou',
  'approverPasswordWrong',
  'namedAsApprover',
  'signInFailed',
  'signInRefusedLocked',
  'signInRefusedSeat',
  'lockedOut',
  'other',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export interface NoticeValues {
  /** Who did it (the event's actor), or who asked for an approval. */
  by?: string;
  role?: string;
  from?: string;
  to?: string;
  reason?: string;
  seat?: string;
  /** The approved or refused action: account.add, account.reset or account.role. */
  what?: string;
  /** The account an approval concerned. */
  account?: string;
  /** Why an approval was refused (APPROVAL_REFUSALS). */
  refusal?: string;
  until?: number;
  action?: string;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The notice an event makes for `me` (the signed-in account). */
export function describeNotice(e: AuditEventView, me: string): { kind: NoticeKind; values: NoticeValues } {
  const d = e.detail;
  const by = e.actor ?? undefined;
  switch (e.action) {
    case 'account.added':
      return { kind: 'added', values: { by, role: text(d.role) } };
    case 'account.reset':
      return { kind: 'reset', values: { by, reason: text(d.reason) } };
    case 'account.unlocked':
      return { kind: 'unlocked', values: { by, reason: text(d.reason) } };
    case 'account.roleChanged':
      return { kind: 'roleChanged', values: { by, from: text(d.from), to: text(d.to), reason: text(d.reason) } };
    case 'seat.bound':
      return { kind: 'seatBound', values: { by, seat: text(d.seat) } };
    case 'seat.unbound':
      return { kind: 'seatUnbound', values: { by, seat: text(d.seat) } };
    case 'approval.granted':
      return e.actor === me
        ? { kind: 'youApproved', values: { by: text(d.requester), what: text(d.for), account: e.object ?? undefined } }
        : { kind: 'approvedForYou', values: { by, what: text(d.for) } };
    case 'approval.refused':
      if (e.object === me) return { kind: 'refusedForYou', values: { by, what: text(d.for), refusal: text(d.reason) } };
      return {
        kind: d.reason === 'credentials' ? 'approverPasswordWrong' : 'namedAsApprover',
        values: { by, what: text(d.for), account: e.object ?? undefined, refusal: text(d.reason) },
      };
    case 'preauth.loginFailed':
    case 'login.failed':
      return { kind: 'signInFailed', values: {} };
    case 'preauth.loginRefused':
    case 'login.refused':
      return d.reason === 'seat'
        ? { kind: 'signInRefusedSeat', values: { seat: e.seat ?? undefined } }
        : { kind: 'signInRefusedLocked', values: {} };
    case 'preauth.lockout':
    case 'lockout.locked':
      return { kind: 'lockedOut', values: { until: typeof d.until === 'number' ? d.until : undefined } };
    default:
      return { kind: 'other', values: { by, action: e.action } };
  }
}
