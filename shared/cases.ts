/**
 * The agent's workspace's vocabulary (collection-rules.md, "Masking"): case states, what can be
 * searched, sorted and revealed, and why. Shared by the core, the contract and the screens.
 */

/**
 * 案件状态. Only open and closed cases show their data; a stored case (kept only for its
 * retention period) and a destroyed one (its batch key shredded) show their number and state.
 */
export const CASE_STATES = ['open', 'closed', 'stored', 'destroyed'] as const;
export type CaseState = (typeof CASE_STATES)[number];
export const SHOWABLE_STATES: readonly CaseState[] = ['open', 'closed'];

/** Exact search: a case number (or its start), or a value matched through its blind index. */
export const SEARCH_KINDS = ['caseNo', 'name', 'phone', 'id', 'card'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export const CASE_SORTS = ['daysOverdue', 'amount', 'caseNo', 'assignedAt', 'lastContact'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

/** Which cases of those one may see: one's own, a team's pool not yet given to an agent, all. */
export const CASE_VIEWS = ['mine', 'unassigned', 'all'] as const;
export type CaseView = (typeof CASE_VIEWS)[number];

/** The values a reveal can show, one at a time (a contact's by its ordinal). */
export const REVEAL_FIELDS = [
  'name',
  'idNumber',
  'cardNumber',
  'mobile',
  'homePhone',
  'employer',
  'employerAddress',
  'homeAddress',
  'registeredAddress',
  'contactName',
  'contactPhone',
] as const;
export type RevealField = (typeof REVEAL_FIELDS)[number];

/** Why a value is revealed (the log keeps the code, and the note masked). */
export const REVEAL_REASONS = [
  'identityCheck',
  'debtorRequest',
  'repayment',
  'complaint',
  'fieldVisit',
  'other',
] as const;
export type RevealReason = (typeof REVEAL_REASONS)[number];

/** How long a revealed value stays on screen, and a copied one on the clipboard. */
export const REVEAL_SECONDS = 30;

/** How a bulk assignment spreads cases over agents. */
export const ASSIGN_RULES = ['direct', 'roundRobin', 'amountBand'] as const;
export type AssignRule = (typeof ASSIGN_RULES)[number];

/** A team's name as IT types it: letters, digits, spaces and a few marks, 1 to 40. */
export const TEAM_NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._()-]{0,39}$/u;
/** A bank's case number: letters, digits and a few marks, as the import accepted it. */
export const CASE_NO = /^[\p{L}\p{N}][\p{L}\p{N}._/#-]{0,63}$/u;
