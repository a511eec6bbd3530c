/**
 * The fields a case has, whatever a bank calls its columns (glossary.md names). Each has a kind,
 * which says how it is checked, stored and masked; PII kinds are sealed under the batch's key.
 */

export type FieldKind =
  | 'text'
  | 'name'
  | 'gender'
  | 'idNumber'
  | 'card'
  | 'mobile'
  | 'phone'
  | 'employer'
  | 'address'
  | 'amount'
  | 'count'
  | 'date';

export const CASE_FIELDS = {
  batchNo: 'text',
  caseNo: 'text',
  name: 'name',
  gender: 'gender',
  idNumber: 'idNumber',
  cardNumber: 'card',
  mobile: 'mobile',
  homePhone: 'phone',
  employer: 'employer',
  employerAddress: 'address',
  homeAddress: 'address',
  registeredAddress: 'address',
  amountAssigned: 'amount',
  principal: 'amount',
  daysOverdue: 'count',
  bucket: 'text',
  assignedOn: 'date',
  returnOn: 'date',
  contact1Name: 'name',
  contact1Relation: 'text',
  contact1Phone: 'phone',
  contact2Name: 'name',
  contact2Relation: 'text',
  contact2Phone: 'phone',
  contact3Name: 'name',
  contact3Relation: 'text',
  contact3Phone: 'phone',
} as const satisfies Record<string, FieldKind>;

export type CaseField = keyof typeof CASE_FIELDS;
export const CASE_FIELD_NAMES = Object.keys(CASE_FIELDS) as CaseField[];

/** Sealed under the batch key, stored with a masked form (security-model.md, "PII fields"). */
export const PII_KINDS: ReadonlySet<FieldKind> = new Set([
  'name',
  'idNumber',
  'card',
  'mobile',
  'phone',
  'employer',
  'address',
]);

/** Every case has these whatever the template says: without them it is no case. */
export const ALWAYS_REQUIRED: readonly CaseField[] = ['caseNo', 'name', 'amountAssigned'];

/** What the summary file or sheet of a delivery states, for reconciliation. */
export const SUMMARY_FIELDS = ['batchNo', 'caseCount', 'totalAmount'] as const;
export type SummaryField = (typeof SUMMARY_FIELDS)[number];
