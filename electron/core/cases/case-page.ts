/**
 * The case page: everything about one case the caller may see, masked per collection-rules.md
 * ("Masking"): the name in full only for the agent it is assigned to (identity check), every
 * other value in its masked form, addresses to their district. A stored or destroyed case shows
 * its number and state, nothing else.
 */
import { SHOWABLE_STATES, type CaseState, type RevealField } from '../../../shared/cases';
import type { CasePage } from '../../../shared/contract';
import { fail } from '../errors';
import type { Session } from '../session/session';
import { assignmentOf, namesOf, num } from './case-assignment';
import { contactsOf, openColumn, openMasks, storedCase, type CaseColumn, type StoredCase } from './case-reader';
import { visible, type CaseScope } from './case-scope';

/** The case columns a reveal or the page names by field (contacts are by ordinal). */
export const FIELD_COLUMNS: Readonly<Record<Exclude<RevealField, 'contactName' | 'contactPhone'>, CaseColumn>> = {
  name: 'name',
  idNumber: 'id_number',
  cardNumber: 'card_number',
  mobile: 'mobile',
  homePhone: 'home_phone',
  employer: 'employer',
  employerAddress: 'employer_address',
  homeAddress: 'home_address',
  registeredAddress: 'registered_address',
};

const PAGE_FIELDS = [
  'idNumber',
  'cardNumber',
  'mobile',
  'homePhone',
  'employer',
  'employerAddress',
  'homeAddress',
  'registeredAddress',
] as const satisfies readonly (keyof typeof FIELD_COLUMNS)[];

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The case if the scope lets the caller see it; otherwise the same refusal as for no such case. */
export async function visibleCase(session: Session, scope: CaseScope, caseNo: string): Promise<StoredCase> {
  const stored = await storedCase(session.vault.db, caseNo, visible(scope));
  if (!stored) fail('INPUT_REJECTED', 'case.unknown');
  return stored;
}

export function isShowable(stored: StoredCase): boolean {
  return SHOWABLE_STATES.includes(stored.row.state as CaseState) && stored.dataKey !== null;
}

export async function casePage(session: Session, scope: CaseScope, caseNo: string): Promise<CasePage> {
  const { vault } = session;
  const { db } = vault;
  const stored = await visibleCase(session, scope, caseNo);
  const r = stored.row;
  const names = await namesOf(db);
  const showable = isShowable(stored);
  const base = {
    caseNo: stored.caseNo,
    batchId: stored.batchId,
    batchNo: stored.batchNo,
    state: r.state as CaseState,
    showable,
    ...assignmentOf(r, names, session.vault.policy.firstContactHours),
    amountFen: Number(r.amount_assigned_fen),
    daysOverdue: num(r.days_overdue),
  };
  if (!showable)
    return {
      ...base,
      name: null,
      gender: '',
      principalFen: null,
      bucket: null,
      assignedOn: null,
      returnOn: null,
      fields: [],
      contacts: [],
      canReveal: false,
    };
  const masks = await openMasks(
    vault,
    db,
    stored,
    PAGE_FIELDS.map((f) => FIELD_COLUMNS[f]),
  );
  const ownCase = num(r.assignee_id) === session.account.id;
  const contacts = await contactsOf(db, stored.id);
  return {
    ...base,
    name: ownCase ? await openColumn(vault, db, stored, 'name') : text(r.name_mask),
    gender: (r.gender as CasePage['gender']) ?? '',
    principalFen: num(r.principal_fen),
    bucket: text(r.bucket),
    assignedOn: text(r.assigned_on),
    returnOn: text(r.return_on),
    fields: PAGE_FIELDS.flatMap((field) => {
      const value = masks.get(FIELD_COLUMNS[field]);
      return value === null || value === undefined ? [] : [{ field, value }];
    }),
    contacts: contacts.map((c) => ({ ordinal: c.ordinal, name: c.nameMask, relation: c.relation, phone: c.phoneMask })),
    canReveal: session.can('case.reveal'),
  };
}
