/**
 * 访问日志动作 — every action the access log records, each with what its `object` names and a
 * strict schema for its `detail`. The core's append refuses anything else, so a detail can't
 * grow a free-form field that might carry PII; the few free-text fields (IT's reasons) are
 * masked for card, ID and phone patterns before they are chained. The renderer's action list,
 * the CLI's `audit actions` and docs/audit-actions.md are derived from this table.
 */
import { z } from 'zod';
import { ASSIGN_RULES, CASE_NO, REVEAL_FIELDS, REVEAL_REASONS, SEARCH_KINDS, TEAM_NAME } from './cases';
import {
  CALL_RULES,
  COMPLAINT_GRADES,
  COMPLAINT_KINDS,
  MISSING_YEAR_MODES,
  OUTCOME_CODES,
  OVERRIDABLE_RULES,
  PHONE_SLOTS,
  RECORDING_STATES,
} from './conduct';
import { CEREMONY_KINDS, CEREMONY_OUTCOMES, CUSTODIAN_REFUSALS, CUSTODIAN_SLOTS } from './ceremonies';
import { ERROR_CODES } from './errors';
import { contract, type ProcedureName } from './contract';
import { maskFreeText } from './masking';
import { APPROVAL_ACTIONS, PERMISSIONS } from './permissions';
import { ROLES } from './roles';
import { SEAT_ID_PATTERN } from './seat-id';

/** What an event's `object` column names. */
export const OBJECT_KINDS = {
  none: z.null(),
  account: z.string().regex(/^[\p{L}\p{N}._-]{1,64}$/u),
  seat: z.string().regex(SEAT_ID_PATTERN),
  vault: z.uuid(),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  role: z.enum(ROLES),
  ceremony: z.uuid(),
  case: z.string().regex(CASE_NO),
  team: z.string().regex(TEAM_NAME),
} as const;
export type ObjectKind = keyof typeof OBJECT_KINDS;

const Role = z.enum(ROLES);
const AccountName = OBJECT_KINDS.account;
const Permission = z.enum(PERMISSIONS);
const SeatId = z.string().regex(SEAT_ID_PATTERN);
const Count = z.number().int().nonnegative();
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const Time = z.number().int();
/** Text IT typed (a reason): bounded, and masked for card, ID and phone numbers. */
const TypedText = z.string().max(500).transform(maskFreeText);
/** Set on events that were sealed in preauth.json before unlock and moved into the log after. */
const BeforeUnlock = { recordedBeforeUnlock: z.literal(true).optional() };
const PolicyValue = z.union([
  z.number().int(),
  z.enum(['enforce', 'warn', 'off', ...MISSING_YEAR_MODES]),
  z.array(z.string().regex(/^[a-z]+$/)),
]);
const POLICY_KEYS = [
  'passwordMinLength',
  'passwordClasses',
  'passwordMaxAgeDays',
  'passwordExpiryWarningDays',
  'passwordHistory',
  'lockoutThreshold',
  'lockoutMinutes',
  'seatBinding',
  'curtainSeconds',
  'lockSeconds',
  'sessionMaxHours',
  'reauthMinutes',
  'contactFromMinute',
  'contactUntilMinute',
  'holidayPause',
  'missingHolidayYear',
  'reachedPerDay',
  'attemptsPerDay',
  'lostAfterFailures',
  'firstContactHours',
] as const;

/** Why an approval was refused (docs/roles-and-permissions.md). */
export const APPROVAL_REFUSALS = [
  'missing',
  'unknown',
  'requester',
  'target',
  'role',
  'passwordChange',
  'changedSinceSignIn',
  'locked',
  'credentials',
] as const;
export type ApprovalRefusal = (typeof APPROVAL_REFUSALS)[number];

interface ActionSpec {
  object: ObjectKind;
  detail: z.ZodType<Record<string, unknown>>;
  /** One line for the docs and `audit actions`. */
  about: string;
}

function action<S extends z.ZodRawShape>(object: ObjectKind, detail: S, about: string) {
  return { object, detail: z.object(detail).strict(), about };
}

/** Events the core writes for what happened. */
export const CORE_ACTIONS = {
  'vault.created': action(
    'vault',
    { schemaVersion: Count, firstAccountRole: Role, boundSeat: SeatId },
    'the vault was created with its first IT account',
  ),
  'vault.keyRotated': action(
    'vault',
    {
      reason: z.enum(['accountClosed', 'requested']),
      fromEpoch: Count,
      toEpoch: Count,
      slots: Count,
      note: TypedText.optional(),
    },
    'the vault master key was replaced and the database re-keyed (an account closed, or IT asked)',
  ),
  'login.ok': action(
    'none',
    { role: Role, passwordChange: z.enum(['expired', 'oneTime']).nullable() },
    'a user signed in on a seat',
  ),
  'login.failed': action(
    'none',
    { reason: z.literal('credentials'), knownUser: z.boolean(), failures: Count, ...BeforeUnlock },
    'a sign-in failed (logs of older versions; now preauth.loginFailed)',
  ),
  'login.refused': action(
    'none',
    { reason: z.enum(['locked', 'seat']), knownUser: z.boolean().optional(), ...BeforeUnlock },
    'a sign-in was refused: the account is not bound to the seat (locked: logs of older versions)',
  ),
  // Recorded before unlock, sealed in preauth.json: evidence anyone could have written, taken
  // only within bounds (session/preauth-evidence.ts) and named apart from what the core vouches for.
  'preauth.loginFailed': action(
    'none',
    { reason: z.literal('credentials'), knownUser: z.boolean(), failures: Count },
    'unverified, recorded before sign-in: a sign-in failed (wrong username or password)',
  ),
  'preauth.loginRefused': action(
    'none',
    { reason: z.literal('locked'), knownUser: z.boolean() },
    'unverified, recorded before sign-in: a sign-in was refused, the account being locked out',
  ),
  'preauth.lockout': action(
    'none',
    { until: Time, knownUser: z.boolean() },
    'unverified, recorded before sign-in: too many failures locked the account until the given time',
  ),
  'login.unboundSeat': action(
    'none',
    { policy: z.literal('warn') },
    'a sign-in from an unbound seat, allowed by policy',
  ),
  'lockout.locked': action(
    'none',
    { until: Time, knownUser: z.boolean().optional(), ...BeforeUnlock },
    'too many failed re-authentications: the account is locked until the given time (before sign-in: older versions)',
  ),
  'preauth.journalDamaged': action(
    'none',
    { garbled: z.boolean(), unreadable: Count, dropped: Count },
    'events recorded before unlock were lost or unreadable',
  ),
  'preauth.journalReset': action(
    'none',
    {
      reason: z.enum(['restarted', 'replaced', 'rolledBack', 'forked']),
      drainedThrough: Count,
      journalLastN: Count,
    },
    'preauth.json is not the journal last drained (deleted, replaced, restored from a copy, or cut): what it holds was taken, and what is missing is marked',
  ),
  'preauth.rejected': action(
    'none',
    { window: Count, actor: Count },
    'events in preauth.json were not taken: dated outside the time since the last drain, or naming no real account',
  ),
  logout: action(
    'none',
    { reason: z.enum(['logout', 'locked', 'expired', 'closed', 'replaced']) },
    'a session ended (signed out, idle lock, lifetime, account closed, another user)',
  ),
  'password.changed': action(
    'account',
    { reason: z.enum(['expired', 'oneTime', 'voluntary']) },
    'a user changed their own password',
  ),
  'session.reauth': action('none', { failures: Count }, 'a re-authentication failed'),
  'account.added': action('account', { role: Role }, 'IT added an account (its password is one-time)'),
  'account.reset': action('account', { reason: TypedText }, 'IT issued a one-time password'),
  'account.unlocked': action('account', { reason: TypedText, failures: Count }, 'IT lifted a lockout early'),
  'account.closed': action('account', { reason: TypedText, role: Role }, 'IT closed an account (离职注销)'),
  'account.roleChanged': action('account', { from: Role, to: Role, reason: TypedText }, "IT changed an account's role"),
  'approval.granted': action(
    'account',
    { for: z.enum(APPROVAL_ACTIONS), requester: AccountName, role: Role },
    "a second person (the actor: an auditor or general manager for an account; for a holiday year, anyone else holding holiday.approve) typed their password at this seat to approve IT's action, logged with it",
  ),
  'approval.refused': action(
    'account',
    {
      for: z.enum(APPROVAL_ACTIONS),
      approver: AccountName.nullable(),
      reason: z.enum(APPROVAL_REFUSALS),
      failures: Count.optional(),
    },
    "IT's action on the account was refused for want of a valid approval (none; not a second independent person; a one-time, expired or since-changed password; locked; or a wrong password, which counts against the approver)",
  ),
  'seat.bound': action('account', { seat: SeatId, alreadyBound: z.boolean() }, 'IT bound an account to a seat'),
  'seat.unbound': action('account', { seat: SeatId }, 'IT unbound an account from a seat'),
  'seat.flagged': action('seat', { importStation: z.boolean() }, 'IT flagged or unflagged the import station'),
  'role.permissionsChanged': action(
    'role',
    { reason: TypedText, before: z.array(Permission), after: z.array(Permission) },
    "IT changed a role's permissions",
  ),
  'policy.changed': action(
    'none',
    {
      reason: TypedText,
      changes: z.partialRecord(z.enum(POLICY_KEYS), z.object({ before: PolicyValue, after: PolicyValue }).strict()),
    },
    'IT changed policy settings (before and after)',
  ),
  'ledger.generated': action('day', { accounts: Count, changes: Count }, 'the daily account ledger was produced'),
  'audit.verified': action(
    'none',
    {
      checked: Count,
      headSeq: Count,
      firstBrokenSeq: Count.nullable(),
      anchor: z.enum(['none', 'matches', 'mismatch', 'behind', 'other-vault']),
      anchorSeq: Count.nullable(),
    },
    'the access log was verified (against an anchor, if given)',
  ),
  'audit.anchorExported': action(
    'none',
    { seq: Count, hash: z.string().regex(/^[0-9a-f]{64}$/) },
    'the head of the access log was exported as an anchor',
  ),
  'audit.exported': action('none', { format: z.enum(['jsonl', 'csv']) }, 'the whole access log was exported'),
  'audit.pendingRefused': action(
    'none',
    { pendingId: Count },
    "floor only: a row written to the log's pending table without the audit key (so not by the app) was refused, and this event chained in its place",
  ),
  'audit.searched': action(
    'none',
    {
      view: z.enum(['log', 'failures']),
      actor: TypedText.optional(),
      action: TypedText.optional(),
      from: Time.optional(),
      to: Time.optional(),
      matched: Count,
    },
    "the access log was searched (log: the log page or CLI with these filters; failures: an account's failure history); each distinct search once per session, not each page of it",
  ),
  'ceremony.custodian': action(
    'ceremony',
    {
      kind: z.enum(CEREMONY_KINDS),
      slot: z.enum(CUSTODIAN_SLOTS),
      custodian: AccountName.nullable(),
      reason: z.enum(CUSTODIAN_REFUSALS).optional(),
      failures: Count.optional(),
    },
    'a custodian (the actor, when known) authenticated into a ceremony at this seat, or was refused (unknown, wrong role, the other custodian, a one-time or since-changed password, locked, or a wrong password, which counts towards their lockout)',
  ),
  'ceremony.ended': action(
    'ceremony',
    {
      kind: z.enum(CEREMONY_KINDS),
      outcome: z.enum(CEREMONY_OUTCOMES),
      reason: z
        .string()
        .regex(/^[a-zA-Z.]{1,64}$/)
        .optional(),
      custodianA: AccountName.nullable(),
      custodianB: AccountName.nullable(),
      startedAt: Time,
      archive: TypedText.optional(),
      archiveSha256: Sha256.optional(),
      archiveBytes: Count.optional(),
      encryption: z.enum(['aes', 'zipcrypto']).optional(),
      template: z.string().max(48).optional(),
      batchNo: TypedText.optional(),
      batchId: Count.optional(),
      rows: Count.optional(),
      accepted: Count.optional(),
      rejected: Count.optional(),
      skipped: Count.optional(),
      totalFen: Count.optional(),
      reconciled: z.boolean().optional(),
    },
    "a ceremony's transcript: its two custodians, the input by SHA-256, what came out (counts) and how it ended (committed, refused, failed, cancelled, abandoned), with the reason",
  ),
  'import.templateAdded': action(
    'none',
    { template: z.string().regex(/^[a-z0-9][a-z0-9-]{1,47}$/) },
    'IT added a mapping template (header names to case fields) to the vault',
  ),
  'import.sourceDestroyed': action(
    'ceremony',
    { archiveSha256: Sha256, archiveBytes: Count },
    "after an import, the custodians had the source archive overwritten and deleted from this seat's disk",
  ),
  'team.created': action('team', {}, 'IT or a director made a team (组)'),
  'team.memberAdded': action(
    'account',
    { team: OBJECT_KINDS.team, lead: z.boolean() },
    'an account was put in a team (moved from its former one), as its lead or a member',
  ),
  'team.memberRemoved': action('account', { team: OBJECT_KINDS.team }, 'an account was taken out of its team'),
  'case.assigned': action(
    'none',
    {
      rule: z.enum(ASSIGN_RULES),
      to: z.array(AccountName).max(200),
      team: OBJECT_KINDS.team.nullable(),
      count: Count,
      casesSha256: Sha256,
    },
    'cases were assigned to agents (or a team, or back to its pool): how many, by which rule, and the SHA-256 of their case numbers (sorted, one per line), which case_assignments lists',
  ),
  'case.revealed': action(
    'case',
    {
      field: z.enum(REVEAL_FIELDS),
      ordinal: Count.optional(),
      reason: z.enum(REVEAL_REASONS),
      note: TypedText.optional(),
    },
    'a masked value of a case was shown in full (one field, for 30 seconds), with the reason given',
  ),
  'case.copied': action(
    'case',
    { field: z.enum(REVEAL_FIELDS), ordinal: Count.optional() },
    'a revealed value was copied to the clipboard (cleared after 30 seconds)',
  ),
  'case.searched': action(
    'none',
    { kind: z.enum(SEARCH_KINDS), matched: Count },
    'cases were searched by an exact name, phone, ID or card number (the value is not kept), and how many were found',
  ),
  'case.firstContactExtended': action(
    'case',
    { hours: z.number().int().min(1).max(72), reason: TypedText },
    "a manager extended a case's first-contact deadline (hours after assignment, at most 72)",
  ),
  'visit.requested': action(
    'case',
    { visit: Count, addressKind: z.enum(['home', 'work', 'registered']), from: OBJECT_KINDS.day, to: OBJECT_KINDS.day },
    'an agent asked for a field visit (外访) on a case',
  ),
  'visit.decided': action(
    'case',
    { visit: Count, step: z.enum(['lead', 'field']), approved: z.boolean(), visitors: z.array(AccountName).max(2) },
    'a lead (first) or a field lead (second, naming the two visitors) approved or refused a visit',
  ),
  'visit.reported': action(
    'case',
    { visit: Count, outcome: z.enum(OUTCOME_CODES), consent: z.boolean(), media: Count },
    'a visitor reported a visit done (outcome, consent to enter, how many photos and recordings)',
  ),
  'holidays.imported': action(
    'none',
    {
      year: z.number().int(),
      sha256: Sha256,
      replaces: Sha256.nullable(),
      offDays: Count,
      workdays: Count,
      approver: AccountName,
    },
    "IT imported a year of the holiday calendar (the file's hash, what it replaced), approved by a second person",
  ),
  'contact.started': action(
    'case',
    { call: z.uuid(), slot: z.enum(PHONE_SLOTS), dialed: z.boolean(), overridden: z.array(z.enum(OVERRIDABLE_RULES)) },
    'a call passed every rule and was opened; dialed: the number went to the dialer without being shown (a reveal for dialing)',
  ),
  'contact.blocked': action(
    'case',
    { slot: z.enum(PHONE_SLOTS), rule: z.enum(CALL_RULES), reached: Count, attempts: Count, onNumber: Count },
    "a call was refused by a rule (which, and the debtor's counts today)",
  ),
  'contact.recorded': action(
    'case',
    {
      record: Count,
      call: z.uuid().nullable(),
      corrects: Count.nullable(),
      outcome: z.enum(OUTCOME_CODES),
      recording: z.enum(RECORDING_STATES),
      promiseFen: Count.optional(),
    },
    'a contact record (催记) was written, or a correction of one',
  ),
  'outcome.changed': action(
    'none',
    { code: z.enum(OUTCOME_CODES), zh: TypedText, en: TypedText, active: z.boolean(), reason: TypedText },
    "IT renamed an outcome code's labels, or retired it from new records (or brought it back)",
  ),
  'contact.overridden': action(
    'case',
    { rule: z.enum(OVERRIDABLE_RULES), day: OBJECT_KINDS.day, reason: TypedText },
    "a lead lifted a rule the customer added above the floor, for this case's calls today",
  ),
  'complaint.raised': action(
    'case',
    {
      complaint: Count,
      kind: z.enum(COMPLAINT_KINDS),
      grade: z.enum(COMPLAINT_GRADES),
      dueOn: OBJECT_KINDS.day,
      cases: Count,
    },
    'a complaint, dispute or special case put the debtor on hold (停催, all their cases: how many)',
  ),
  'complaint.cleared': action(
    'case',
    { complaint: Count, reason: TypedText },
    'QC or a lead lifted a hold, with a reason',
  ),
  'complaint.bankNotified': action('case', { complaint: Count }, 'the client bank was told of a complaint'),
  'payment.recorded': action('case', { amountFen: Count, paidOn: OBJECT_KINDS.day }, 'a payment on a case was entered'),
} as const;

/** A procedure the router refused (denied: the permission it needed) or that failed (the error). */
const Attempt = z.union([
  z.object({ permission: Permission }).strict(),
  z.object({ code: z.enum(ERROR_CODES), reason: z.string().regex(/^[a-zA-Z.]{1,64}$/) }).strict(),
]);
export type AttemptDetail = z.input<typeof Attempt>;
const ATTEMPT: ActionSpec = {
  object: 'none',
  detail: Attempt,
  about: 'a call of this procedure was refused (permission) or failed (error code)',
};

/**
 * Procedures the router logs by name: refusals of those a permission gates, and failures of
 * those the contract marks audited.
 */
export const LOGGED_PROCEDURES: readonly ProcedureName[] = (Object.keys(contract) as ProcedureName[]).filter((name) => {
  const { access, audited } = contract[name];
  return audited || (access !== 'public' && access !== 'session');
});

export type CoreAction = keyof typeof CORE_ACTIONS;
export type AuditAction = CoreAction | ProcedureName;

/** The detail an action's event carries, as the core writes it. */
export type DetailOf<A extends AuditAction> = A extends CoreAction
  ? z.input<(typeof CORE_ACTIONS)[A]['detail']> | (A extends ProcedureName ? AttemptDetail : never)
  : AttemptDetail;

function shapesOf(name: string): ActionSpec[] {
  const core = (CORE_ACTIONS as Record<string, ActionSpec>)[name];
  const attempt = (LOGGED_PROCEDURES as readonly string[]).includes(name) ? ATTEMPT : undefined;
  return [core, attempt].filter((x): x is ActionSpec => x !== undefined);
}

/**
 * Every action with its shapes: the core's events, and every procedure the router may log an
 * attempt of. A name that is both (`account.reset`: IT reset a password, or a refused call to
 * reset one) has both shapes; an event must match one of them.
 */
export const AUDIT_ACTIONS: Readonly<Record<string, readonly ActionSpec[]>> = Object.fromEntries(
  [...new Set([...Object.keys(CORE_ACTIONS), ...LOGGED_PROCEDURES])].sort().map((name) => [name, shapesOf(name)]),
);

export function isAuditAction(action: string): action is AuditAction {
  return Object.prototype.hasOwnProperty.call(AUDIT_ACTIONS, action);
}

/** Why an event does not match one shape of its action (names the field, never a value). */
function mismatch(action: string, spec: ActionSpec, object: string | null, detail: Record<string, unknown>) {
  const o = OBJECT_KINDS[spec.object].safeParse(object);
  if (!o.success)
    return { problem: `${action}: object is not ${spec.object === 'none' ? 'null' : `a ${spec.object}`}` };
  const d = spec.detail.safeParse(detail);
  if (!d.success) {
    const where = d.error.issues.map((i) => i.path.join('.') || '(detail)').join(', ');
    return { problem: `${action}: detail does not match its schema at ${where}` };
  }
  return { object: o.data, detail: d.data };
}

/** What of an event is a person's name or typed text, sealed on a floor (docs/field-seal.md). */
export interface SealedParts {
  /** The object names an account. */
  object: boolean;
  /** Detail fields holding a username. */
  names: readonly string[];
  /** Detail fields holding free text. */
  texts: readonly string[];
}

function unwrapped(type: z.ZodType): z.ZodType {
  let t = type;
  while (t instanceof z.ZodOptional || t instanceof z.ZodNullable) t = (t as z.ZodOptional<z.ZodType>).unwrap();
  return t;
}

function partsOf(name: string): SealedParts {
  const names = new Set<string>();
  const texts = new Set<string>();
  let object = false;
  for (const spec of AUDIT_ACTIONS[name] ?? []) {
    if (spec.object === 'account') object = true;
    if (!(spec.detail instanceof z.ZodObject)) continue;
    const shape: Record<string, z.ZodType> = spec.detail.shape;
    for (const [key, type] of Object.entries(shape)) {
      const inner = unwrapped(type);
      if (inner === AccountName) names.add(key);
      else if (inner === TypedText) texts.add(key);
    }
  }
  return { object, names: [...names], texts: [...texts] };
}

const SEALED_PARTS: ReadonlyMap<string, SealedParts> = new Map(
  Object.keys(AUDIT_ACTIONS).map((name) => [name, partsOf(name)]),
);
const NOTHING_SEALED: SealedParts = { object: false, names: [], texts: [] };

export function sealedParts(action: string): SealedParts {
  return SEALED_PARTS.get(action) ?? NOTHING_SEALED;
}

/**
 * Checks an event against its action's shapes and returns its object and detail as they are
 * to be chained (free text masked). The problem names the action and field, never a value.
 */
export function checkAuditEvent(
  action: string,
  object: string | null,
  detail: Record<string, unknown>,
): { ok: true; object: string | null; detail: Record<string, unknown> } | { ok: false; problem: string } {
  const shapes = isAuditAction(action) ? (AUDIT_ACTIONS[action] ?? []) : [];
  if (shapes.length === 0) return { ok: false, problem: `unregistered action ${JSON.stringify(action.slice(0, 64))}` };
  const tries = shapes.map((spec) => mismatch(action, spec, object, detail));
  const match = tries.find((t) => !('problem' in t));
  if (match && !('problem' in match)) return { ok: true, object: match.object, detail: match.detail };
  return { ok: false, problem: tries.map((t) => ('problem' in t ? t.problem : '')).join('; ') };
}
