/** The owner's notices as the CLI prints them after `login` and `passwd`: one English line each. */
import type { AuditEventView } from '../../shared/contract';
import { describeNotice, type NoticeKind, type NoticeValues } from '../../shared/notices';
import { isoTime } from './output';

const WHAT: Record<string, string> = {
  'account.add': 'adding',
  'account.reset': 'the password reset of',
  'account.role': 'the role change of',
};

const REFUSAL: Record<string, string> = {
  missing: 'no approver',
  unknown: 'no such active account',
  requester: 'the requester cannot approve',
  target: 'the account concerned cannot approve',
  role: 'not an auditor or general manager',
  passwordChange: "the approver's password must be changed first",
  changedSinceSignIn: "the approver's password changed after the requester signed in",
  locked: "the approver's account is locked out",
  credentials: 'wrong password',
};

const minute = (ms: number): string => `${isoTime(ms).slice(0, 16).replace('T', ' ')} UTC`;
const why = (reason: string | undefined): string => (reason ? ` (reason: ${reason})` : '');

const SAY: Record<NoticeKind, (v: NoticeValues) => string> = {
  added: (v) => `${v.by} added your account as ${v.role}`,
  reset: (v) => `${v.by} reset your password${why(v.reason)}`,
  unlocked: (v) => `${v.by} lifted your lockout${why(v.reason)}`,
  roleChanged: (v) => `${v.by} changed your role from ${v.from} to ${v.to}${why(v.reason)}`,
  seatBound: (v) => `${v.by} bound your account to seat ${v.seat}`,
  seatUnbound: (v) => `${v.by} unbound your account from seat ${v.seat}`,
  approvedForYou: (v) => `${v.by} approved ${WHAT[v.what ?? ''] ?? v.what} your account`,
  youApproved: (v) => `you approved ${WHAT[v.what ?? ''] ?? v.what} ${v.account}, asked by ${v.by}`,
  refusedForYou: (v) =>
    `${v.by} asked for ${WHAT[v.what ?? ''] ?? v.what} your account; refused: ${REFUSAL[v.refusal ?? ''] ?? v.refusal}`,
  approverPasswordWrong: (v) =>
    `a wrong password was typed in your name to approve ${WHAT[v.what ?? ''] ?? v.what} ${v.account}, asked by ${v.by}`,
  namedAsApprover: (v) =>
    `you were named approver of ${WHAT[v.what ?? ''] ?? v.what} ${v.account}, asked by ${v.by}; refused: ${REFUSAL[v.refusal ?? ''] ?? v.refusal}`,
  signInFailed: () => 'a sign-in as you failed (unverified: recorded before sign-in)',
  signInRefusedLocked: () => 'a sign-in as you was refused: the account was locked out',
  signInRefusedSeat: (v) => `a sign-in as you was refused on seat ${v.seat}, which your account is not bound to`,
  lockedOut: (v) => `your account was locked out${v.until !== undefined ? ` until ${minute(v.until)}` : ''}`,
  other: (v) => `${v.by ?? 'someone'}: ${v.action}`,
};

/** "notice: 2026-11-23 10:02 UTC seat ABCD-EFGH-JKMN: it.chen reset your password (reason: …)". */
export function noticeLine(event: AuditEventView, me: string): string {
  const { kind, values } = describeNotice(event, me);
  return `notice: ${minute(event.at)} seat ${event.seat ?? '-'}: ${SAY[kind](values)}`;
}
