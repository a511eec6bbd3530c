/**
 * A new case as the database stores it: each PII value sealed under the batch key with its
 * masked form beside it, and beside name, ID, card and every phone its blind-index token
 * (`<column>_token`). Pure: the seal worker runs it (seal-worker.ts). Cases cross to it as JSON
 * lines in one buffer (`encodeCases`/`decodeCases`), and their rows cross back as one buffer a
 * table, in the form the store loads (`LoadBuilder`, `sealChunk`). Buffers are transferred, not an
 * object per value.
 */
import { CASE_PII_COLUMNS } from './migrations/0011-cases';
import { TOKEN_COLUMNS } from './migrations/0014-token-columns';
import { maskAddress, maskCardNumber, maskEmployer, maskIdNumber, maskName, maskPhone } from './case-masks';
import type { BatchSeal, LookupField } from './case-keys';
import { CopyBinary, type CopyType } from '../store/copy-binary';
import type { SqlValue } from '../store/sql';

type PiiColumn = (typeof CASE_PII_COLUMNS)[number];

/** A case as the import hands it over: values checked and normalised (import/case-row.ts). */
export interface NewCase {
  caseNo: string;
  sourceRow: number;
  pii: Partial<Record<PiiColumn, string>>;
  gender: '' | 'M' | 'F';
  amountAssignedFen: number;
  principalFen: number | null;
  daysOverdue: number | null;
  bucket: string | null;
  assignedOn: string | null;
  returnOn: string | null;
  contacts: { ordinal: number; name: string | null; relation: string | null; phone: string | null }[];
}

const MASKS: Record<PiiColumn, (value: string) => string> = {
  name: maskName,
  id_number: maskIdNumber,
  card_number: maskCardNumber,
  mobile: maskPhone,
  home_phone: maskPhone,
  employer: maskEmployer,
  employer_address: maskAddress,
  home_address: maskAddress,
  registered_address: maskAddress,
};

/**
 * Masks that are sealed too: an address's district can be a whole value (a registered address
 * given as its district), so on a floor the server must not read even the mask.
 */
const SEALED_MASKS: ReadonlySet<PiiColumn> = new Set(['employer_address', 'home_address', 'registered_address']);

const TOKENED = Object.keys(TOKEN_COLUMNS) as (keyof typeof TOKEN_COLUMNS)[];

export const CASE_COLUMNS = [
  'batch_id',
  'case_no',
  'source_row',
  ...CASE_PII_COLUMNS.flatMap((c) => [`${c}_sealed`, `${c}_mask`]),
  'gender',
  'amount_assigned_fen',
  'principal_fen',
  'days_overdue',
  'bucket',
  'assigned_on',
  'return_on',
  ...TOKENED.map((c) => `${c}_token` as const),
] as const;

/** Each contact row starts with its case's number (its id is found when it is written). */
export const CONTACT_COLUMNS = [
  'case_no',
  'ordinal',
  'name_sealed',
  'name_mask',
  'relation',
  'phone_sealed',
  'phone_mask',
  'phone_token',
] as const;

/** A column's type in a COPY (and in a floor's staging table). */
const copyType = (column: string): CopyType =>
  /_sealed$|_token$/.test(column)
    ? 'bytea'
    : /_fen$|^batch_id$/.test(column)
      ? 'bigint'
      : /^(source_row|days_overdue|ordinal)$/.test(column)
        ? 'integer'
        : 'text';
export const CASE_TYPES: readonly CopyType[] = CASE_COLUMNS.map(copyType);
export const CONTACT_TYPES: readonly CopyType[] = CONTACT_COLUMNS.map(copyType);

/** A chunk of cases as rows for `cases` and `case_contacts`. */
export interface CaseRows {
  cases: SqlValue[][];
  contacts: SqlValue[][];
}

export function emptyRows(): CaseRows {
  return { cases: [], contacts: [] };
}

/** Cases as JSON lines (UTF-8), the form a chunk travels in: a buffer of its own, transferable. */
export function encodeCases(cases: readonly NewCase[]): Uint8Array {
  return new TextEncoder().encode(cases.map((c) => `${JSON.stringify(c)}\n`).join(''));
}

/**
 * The inverse of encodeCases, a case at a time (each dies young once its rows are made); the
 * buffer is zeroed at once (it held plaintext).
 */
export function decodeCases(lines: Uint8Array): Iterable<NewCase> {
  const text = Buffer.from(lines.buffer, lines.byteOffset, lines.length).toString('utf8');
  lines.fill(0);
  return (function* () {
    for (let at = 0; at < text.length;) {
      const end = text.indexOf('\n', at);
      yield JSON.parse(text.slice(at, end)) as NewCase;
      at = end + 1;
    }
  })();
}

/** Adds one case's rows to `out`. `token`: the blind index of a field's value. */
export function addCaseRows(
  out: CaseRows,
  c: NewCase,
  batchId: number,
  seal: BatchSeal,
  token: (field: LookupField, value: string) => Buffer,
): void {
  const row: SqlValue[] = [batchId, c.caseNo, c.sourceRow];
  for (const column of CASE_PII_COLUMNS) {
    const value = c.pii[column];
    if (value === undefined || value === '') {
      row.push(null, null);
      continue;
    }
    const mask = MASKS[column](value);
    row.push(
      seal.seal(c.caseNo, column, value),
      SEALED_MASKS.has(column) ? seal.sealMask(c.caseNo, column, mask) : mask,
    );
  }
  row.push(c.gender, c.amountAssignedFen, c.principalFen, c.daysOverdue, c.bucket, c.assignedOn, c.returnOn);
  for (const column of TOKENED) {
    const value = c.pii[column];
    row.push(value ? token(TOKEN_COLUMNS[column], value) : null);
  }
  out.cases.push(row);
  for (const contact of c.contacts) {
    const name = contact.name ? seal.seal(c.caseNo, `contact${contact.ordinal}_name`, contact.name) : null;
    const phone = contact.phone ? seal.seal(c.caseNo, `contact${contact.ordinal}_phone`, contact.phone) : null;
    out.contacts.push([
      c.caseNo,
      contact.ordinal,
      name,
      contact.name ? maskName(contact.name) : null,
      contact.relation,
      phone,
      contact.phone ? maskPhone(contact.phone) : null,
      contact.phone ? token('phone', contact.phone) : null,
    ]);
  }
}

/**
 * How a store takes a chunk's rows, one statement a table: SQLite a JSON array of rows read by
 * `jsonb_each`, its byte values (sealed values, tokens) referring into one buffer of the chunk's
 * bytes (`BYTE_REF`); PostgreSQL COPY's binary format (copy-binary.ts). The seal worker writes
 * them, so the main thread binds a few values a chunk instead of ~50,000.
 */
export type LoadForm = 'json' | 'copy';

/** A chunk's rows as its store loads them: a load a table, and the JSON form's bytes. */
export interface TableLoads {
  /** How many cases. */
  count: number;
  cases: Uint8Array;
  contacts: Uint8Array;
  /** JSON form: every byte value back to back; empty in the COPY form. */
  bytes: Uint8Array;
}

/**
 * In a JSON load a byte value is one integer: its offset in the chunk's bytes times 2^20 plus its
 * length (a sealed value is at most a few KB; a chunk's bytes a few MB).
 */
export const BYTE_REF = 2 ** 20;

/** The tables a chunk writes, in the order they are written (a case before its contacts). */
export const TABLES = ['cases', 'contacts'] as const;
const utf8 = new TextEncoder();

/**
 * A chunk's loads, built as its rows are made: each row is written into its load at once, so the
 * rows (and their buffers) of one case die young instead of living until the chunk is done.
 */
export class LoadBuilder {
  private readonly parts: Record<keyof CaseRows, string[]> = { cases: [], contacts: [] };
  private readonly copies: Record<keyof CaseRows, CopyBinary> | null;
  private count = 0;
  private bytes = Buffer.alloc(0);
  private used = 0;

  constructor(form: LoadForm) {
    this.copies =
      form === 'copy' ? { cases: new CopyBinary(CASE_TYPES), contacts: new CopyBinary(CONTACT_TYPES) } : null;
  }

  add(rows: CaseRows): void {
    for (const table of TABLES)
      for (const row of rows[table])
        if (this.copies) this.copies[table].row(row);
        else this.parts[table].push(JSON.stringify(row.map((v) => (Buffer.isBuffer(v) ? this.ref(v) : v))));
    this.count += rows.cases.length;
  }

  private ref(value: Buffer): number {
    if (value.length >= BYTE_REF) throw new RangeError('a byte value too long for a load');
    if (this.used + value.length > this.bytes.length) {
      const grown = Buffer.alloc(Math.max(2 * this.bytes.length, this.used + value.length, 64 * 1024));
      this.bytes.copy(grown, 0, 0, this.used);
      this.bytes = grown;
    }
    value.copy(this.bytes, this.used);
    this.used += value.length;
    return (this.used - value.length) * BYTE_REF + value.length;
  }

  finish(): TableLoads {
    const load = (table: keyof CaseRows) =>
      this.copies ? this.copies[table].finish() : utf8.encode(`[${this.parts[table].join(',')}]`);
    return {
      count: this.count,
      cases: load('cases'),
      contacts: load('contacts'),
      // A copy of what was used: a buffer of its own, transferable whole.
      bytes: new Uint8Array(this.bytes.subarray(0, this.used)),
    };
  }
}

/** A chunk of cases (JSON lines, encodeCases) sealed into its loads: what a seal worker does with one. */
export function sealChunk(
  lines: Uint8Array,
  batchId: number,
  seal: BatchSeal,
  token: (field: LookupField, value: string) => Buffer,
  form: LoadForm,
): TableLoads {
  const builder = new LoadBuilder(form);
  for (const c of decodeCases(lines)) {
    const rows = emptyRows();
    addCaseRows(rows, c, batchId, seal, token);
    builder.add(rows);
  }
  return builder.finish();
}
