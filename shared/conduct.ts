/**
 * Collection conduct (collection-rules.md): what a call is checked against, the contact record's
 * template, outcome codes, complaints. Shared by the core (which enforces it) and the UI.
 */

/** Where a call goes: the debtor's own numbers, or a contact (third party) of the case. */
export const PHONE_SLOTS = ['mobile', 'homePhone', 'contact1', 'contact2', 'contact3'] as const;
export type PhoneSlot = (typeof PHONE_SLOTS)[number];
export const isThirdParty = (slot: PhoneSlot): boolean => slot.startsWith('contact');

/** The rules a call is checked against, in the order they are checked. */
export const CALL_RULES = [
  'caseState',
  'hold',
  'callInProgress',
  'thirdParty',
  'thirdPartyRefused',
  'quietHours',
  'contactWindow',
  'holiday',
  'holidayYearMissing',
  'reachedFloor',
  'reachedCap',
  'attemptCap',
  'numberCap',
] as const;
export type CallRule = (typeof CALL_RULES)[number];

/**
 * Rules the customer added above the industry floor: only these can be overridden, by a lead, for
 * one case and one day. The floor itself (quiet hours, the 3-call and 6-per-number caps, 停催,
 * third parties, one call at a time) never can.
 */
export const OVERRIDABLE_RULES = [
  'contactWindow',
  'holiday',
  'holidayYearMissing',
  'reachedCap',
  'attemptCap',
] as const satisfies readonly CallRule[];
export type OverridableRule = (typeof OVERRIDABLE_RULES)[number];
export const isOverridable = (rule: CallRule): rule is OverridableRule =>
  (OVERRIDABLE_RULES as readonly CallRule[]).includes(rule);

/** Where each rule comes from (shown with a block). */
export const RULE_SOURCES: Readonly<Record<CallRule, string>> = {
  caseState: 'policy.md',
  hold: 'policy.md 停催; CBA 2026',
  callInProgress: 'Strongroom',
  thirdParty: '信用卡业务规则; GB/T 45251—2025',
  thirdPartyRefused: 'GB/T 45251—2025',
  quietHours: 'GB/T 45251—2025 (22:00–08:00)',
  contactWindow: 'policy.md (08:00–20:00)',
  holiday: 'policy.md; 国务院办公厅节假日通知',
  holidayYearMissing: 'policy.md',
  reachedFloor: 'CBA 2026 (3/day)',
  reachedCap: 'policy.md',
  attemptCap: 'policy.md (5/day)',
  numberCap: 'CBA 2026 (6/number/day)',
};

/** The floor: never before 08:00 or after 22:00 (minutes after midnight, Asia/Shanghai). */
export const QUIET_UNTIL_MINUTE = 8 * 60;
export const QUIET_FROM_MINUTE = 22 * 60;
/** The floor's daily caps, per debtor (reached) and per number (attempts). */
export const REACHED_FLOOR = 3;
export const NUMBER_FLOOR = 6;
/** A call opened and never recorded stops holding the debtor's line after this long. */
export const CALL_OPEN_MINUTES = 30;

/** Channels of contact, each paused on days off or not (policy `holidayPause`). */
export const CHANNELS = ['call', 'sms', 'visit'] as const;

/** Outcome groups (level 1) and what each code in them means for the rules. */
export const OUTCOME_GROUPS = ['debtor', 'thirdParty', 'noAnswer', 'invalid', 'special'] as const;
export type OutcomeGroup = (typeof OUTCOME_GROUPS)[number];

export interface OutcomeFlags {
  /** The call connected (a recording is then required). */
  connected: boolean;
  /** The debtor was reached (counts against the daily cap). */
  withDebtor: boolean;
  /** A promise amount and date are taken. */
  promise: boolean;
  /** Puts the debtor on hold (停催) at once. */
  hold: boolean;
}

/** The shipped codes (level 2) by group, with their flags (collection-rules.md). */
export const OUTCOMES = {
  PTP: { group: 'debtor', connected: true, withDebtor: true, promise: true, hold: false },
  ALPA: { group: 'debtor', connected: true, withDebtor: true, promise: false, hold: false },
  PAID: { group: 'debtor', connected: true, withDebtor: true, promise: false, hold: false },
  KNOW: { group: 'debtor', connected: true, withDebtor: true, promise: false, hold: false },
  RTP: { group: 'debtor', connected: true, withDebtor: true, promise: false, hold: false },
  DISP: { group: 'debtor', connected: true, withDebtor: true, promise: false, hold: true },
  CMPL: { group: 'debtor', connected: true, withDebtor: true, promise: false, hold: true },
  CBK: { group: 'debtor', connected: true, withDebtor: true, promise: false, hold: false },
  CUT: { group: 'debtor', connected: true, withDebtor: true, promise: false, hold: false },
  PTPX: { group: 'thirdParty', connected: true, withDebtor: false, promise: true, hold: false },
  MESS: { group: 'thirdParty', connected: true, withDebtor: false, promise: false, hold: false },
  NOTK: { group: 'thirdParty', connected: true, withDebtor: false, promise: false, hold: false },
  NOSE: { group: 'invalid', connected: true, withDebtor: false, promise: false, hold: false },
  WRNG: { group: 'invalid', connected: true, withDebtor: false, promise: false, hold: false },
  NOAS: { group: 'noAnswer', connected: false, withDebtor: false, promise: false, hold: false },
  BUSY: { group: 'noAnswer', connected: false, withDebtor: false, promise: false, hold: false },
  NOPK: { group: 'noAnswer', connected: false, withDebtor: false, promise: false, hold: false },
  NA: { group: 'noAnswer', connected: false, withDebtor: false, promise: false, hold: false },
  VM: { group: 'noAnswer', connected: false, withDebtor: false, promise: false, hold: false },
  OFF: { group: 'invalid', connected: false, withDebtor: false, promise: false, hold: false },
  STOP: { group: 'invalid', connected: false, withDebtor: false, promise: false, hold: false },
  LOOO: { group: 'invalid', connected: false, withDebtor: false, promise: false, hold: false },
  SPEC: { group: 'special', connected: true, withDebtor: false, promise: false, hold: true },
} as const satisfies Record<string, OutcomeFlags & { group: OutcomeGroup }>;
export type OutcomeCode = keyof typeof OUTCOMES;
export const OUTCOME_CODES = Object.keys(OUTCOMES) as OutcomeCode[];
/** Codes that say a number is not the debtor's, or no longer works (towards 失联). */
export const INVALID_NUMBER_CODES: readonly OutcomeCode[] = ['NOSE', 'WRNG', 'STOP', 'LOOO'];

/** Who was reached (催记 template). */
export const RELATIONS = ['self', 'spouse', 'parent', 'child', 'relative', 'colleague', 'friend', 'employer'] as const;
export type Relation = (typeof RELATIONS)[number];

export const COMPLAINT_KINDS = ['complaint', 'dispute', 'special'] as const;
export type ComplaintKind = (typeof COMPLAINT_KINDS)[number];
export const COMPLAINT_GRADES = ['light', 'medium', 'severe'] as const;
export type ComplaintGrade = (typeof COMPLAINT_GRADES)[number];
/** A complaint is resolved, and the client bank told, within this many working days. */
export const COMPLAINT_WORKING_DAYS = 3;

/** When the calendar lacks a year: weekends are days off (with a banner), or no outbound calls. */
export const MISSING_YEAR_MODES = ['weekends', 'block'] as const;

/** Recording reference as the recorder names it: call id and recording id. */
export const RECORDER_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
/** Referenced: the recorder's ids given (the recordings archive verifies them); missing: a connected call without. */
export const RECORDING_STATES = ['referenced', 'missing', 'none'] as const;
export type RecordingState = (typeof RECORDING_STATES)[number];
