/**
 * Writes an import's cases inside its transaction, a chunk at a time: each PII value sealed under
 * the batch key with its masked form beside it, blind-index tokens for name, ID, card and every
 * phone. On PostgreSQL rows go by COPY into session-local staging tables (COPY can't load a table
 * under row-level security), then by one INSERT … SELECT each into the real ones; on SQLite by
 * multi-row INSERTs straight in. Contacts and tokens find their case's id by its case number.
 * While one chunk is written (on the database's thread or server), the next is sealed here.
 */
import { CASE_PII_COLUMNS } from './migrations/0011-cases';
import { maskAddress, maskCardNumber, maskEmployer, maskIdNumber, maskName, maskPhone } from './case-masks';
import type { BatchSeal, CaseKeys, LookupField } from './case-keys';
import { copyText } from '../store/copy-text';
import { rawSql, sql, Sql, type SqlValue } from '../store/sql';
import type { Queryable } from '../store/store';

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
export const SEALED_MASKS: ReadonlySet<PiiColumn> = new Set(['employer_address', 'home_address', 'registered_address']);

const LOOKUPS: Partial<Record<PiiColumn, LookupField>> = {
  name: 'name',
  id_number: 'id',
  card_number: 'card',
  mobile: 'phone',
  home_phone: 'phone',
};

interface Stage {
  name: string;
  columns: readonly string[];
  /** Column types for PostgreSQL's temp table (SQLite's temp tables take any). */
  types: readonly string[];
}

const CASE_COLUMNS = [
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
] as const;

const STAGES = {
  cases: {
    name: 'import_stage_cases',
    columns: CASE_COLUMNS,
    types: CASE_COLUMNS.map((c) =>
      c.endsWith('_sealed')
        ? 'bytea'
        : /_fen$|batch_id/.test(c)
          ? 'bigint'
          : /source_row|days_overdue/.test(c)
            ? 'integer'
            : 'text',
    ),
  },
  contacts: {
    name: 'import_stage_contacts',
    columns: ['case_no', 'ordinal', 'name_sealed', 'name_mask', 'relation', 'phone_sealed', 'phone_mask'],
    types: ['text', 'integer', 'bytea', 'text', 'text', 'bytea', 'text'],
  },
  lookup: { name: 'import_stage_lookup', columns: ['token', 'case_no', 'field'], types: ['bytea', 'text', 'text'] },
} as const satisfies Record<string, Stage>;

/** `VALUES (?, …), (?, …)` built directly: a chunk has tens of thousands of parameters. */
function valuesOf(rows: readonly (readonly SqlValue[])[]): Sql {
  const parts: string[] = [];
  const values: SqlValue[] = [];
  let text = '';
  rows.forEach((row, r) => {
    text += r === 0 ? '(' : '), (';
    row.forEach((value, i) => {
      if (i > 0) text += ', ';
      parts.push(text);
      values.push(value);
      text = '';
    });
  });
  parts.push(`${text})`);
  return new Sql(parts, values);
}

export class CaseWriter {
  private cases: SqlValue[][] = [];
  private contacts: SqlValue[][] = [];
  private lookup: SqlValue[][] = [];
  private writing: Promise<void> = Promise.resolve();
  written = 0;

  private constructor(
    private readonly tx: Queryable,
    private readonly batchId: number,
    private readonly seal: BatchSeal,
    private readonly keys: CaseKeys,
  ) {}

  /** Cases a chunk: SQLite binds at most 32,766 parameters a statement (a case row has 30). */
  static readonly CHUNK = 1000;

  static async start(tx: Queryable, batchId: number, seal: BatchSeal, keys: CaseKeys): Promise<CaseWriter> {
    if (tx.copyIn)
      for (const stage of Object.values(STAGES))
        await tx.exec(
          `CREATE TEMP TABLE IF NOT EXISTS ${stage.name} (${stage.columns.map((c, i) => `${c} ${stage.types[i]}`).join(', ')}) ON COMMIT DROP`,
        );
    return new CaseWriter(tx, batchId, seal, keys);
  }

  get pending(): number {
    return this.cases.length;
  }

  add(c: NewCase): void {
    const row: SqlValue[] = [this.batchId, c.caseNo, c.sourceRow];
    for (const column of CASE_PII_COLUMNS) {
      const value = c.pii[column];
      if (value === undefined || value === '') {
        row.push(null, null);
        continue;
      }
      const mask = MASKS[column](value);
      row.push(
        this.seal.seal(c.caseNo, column, value),
        SEALED_MASKS.has(column) ? this.seal.sealMask(c.caseNo, column, mask) : mask,
      );
      const field = LOOKUPS[column];
      if (field) this.lookup.push([this.keys.token(field, value), c.caseNo, field]);
    }
    row.push(c.gender, c.amountAssignedFen, c.principalFen, c.daysOverdue, c.bucket, c.assignedOn, c.returnOn);
    this.cases.push(row);
    for (const contact of c.contacts) {
      const name = contact.name ? this.seal.seal(c.caseNo, `contact${contact.ordinal}_name`, contact.name) : null;
      const phone = contact.phone ? this.seal.seal(c.caseNo, `contact${contact.ordinal}_phone`, contact.phone) : null;
      this.contacts.push([
        c.caseNo,
        contact.ordinal,
        name,
        contact.name ? maskName(contact.name) : null,
        contact.relation,
        phone,
        contact.phone ? maskPhone(contact.phone) : null,
      ]);
      if (contact.phone) this.lookup.push([this.keys.token('phone', contact.phone), c.caseNo, 'phone']);
    }
  }

  /** Starts writing what was added; waits for the chunk before it first (one in flight). */
  async flush(): Promise<void> {
    if (this.cases.length === 0) return;
    const chunk = { cases: this.cases, contacts: this.contacts, lookup: this.lookup };
    this.cases = [];
    this.contacts = [];
    this.lookup = [];
    await this.writing;
    this.writing = this.write(chunk);
    // A failure surfaces at the next flush or at finish(); never unobserved meanwhile.
    this.writing.catch(() => undefined);
  }

  private async write(chunk: { cases: SqlValue[][]; contacts: SqlValue[][]; lookup: SqlValue[][] }): Promise<void> {
    if (this.tx.copyIn) await this.viaStaging(chunk);
    else await this.direct(chunk);
    this.written += chunk.cases.length;
  }

  /** SQLite: straight into the tables, a statement per CHUNK rows. */
  private async direct(chunk: { cases: SqlValue[][]; contacts: SqlValue[][]; lookup: SqlValue[][] }): Promise<void> {
    const insert = async (head: string, rows: SqlValue[][], tail = '') => {
      for (let i = 0; i < rows.length; i += CaseWriter.CHUNK)
        await this.tx.run(sql`${rawSql(head)}${valuesOf(rows.slice(i, i + CaseWriter.CHUNK))}${rawSql(tail)}`);
    };
    await insert(`INSERT INTO cases (${CASE_COLUMNS.join(', ')}) VALUES `, chunk.cases);
    // VALUES' columns are column1, column2, …: the staged layouts, case number second or first.
    await insert(
      `INSERT INTO case_contacts (case_id, ordinal, name_sealed, name_mask, relation, phone_sealed, phone_mask)
       SELECT (SELECT c.id FROM cases c WHERE c.case_no = v.column1), v.column2, v.column3, v.column4, v.column5, v.column6, v.column7
       FROM (VALUES `,
      chunk.contacts,
      ') AS v',
    );
    await insert(
      `INSERT OR IGNORE INTO case_lookup (token, case_id, field)
       SELECT v.column1, (SELECT c.id FROM cases c WHERE c.case_no = v.column2), v.column3 FROM (VALUES `,
      chunk.lookup,
      ') AS v',
    );
  }

  /** PostgreSQL: COPY into the staging tables, then one INSERT … SELECT each, then empty them. */
  private async viaStaging(chunk: {
    cases: SqlValue[][];
    contacts: SqlValue[][];
    lookup: SqlValue[][];
  }): Promise<void> {
    const copy = async (stage: Stage, rows: SqlValue[][]) => {
      if (rows.length > 0)
        await this.tx.copyIn!(`COPY ${stage.name} (${stage.columns.join(', ')}) FROM STDIN`, copyText(rows));
    };
    await copy(STAGES.cases, chunk.cases);
    await copy(STAGES.contacts, chunk.contacts);
    await copy(STAGES.lookup, chunk.lookup);
    const caseColumns = CASE_COLUMNS.join(', ');
    await this.tx.run(rawSql(`INSERT INTO cases (${caseColumns}) SELECT ${caseColumns} FROM ${STAGES.cases.name}`));
    // The case id by a lookup per staged row (the unique index on case_no), never a scan of cases.
    const caseId = 'SELECT c.id FROM cases c WHERE c.case_no = s.case_no';
    await this.tx.run(
      rawSql(`INSERT INTO case_contacts (case_id, ordinal, name_sealed, name_mask, relation, phone_sealed, phone_mask)
        SELECT (${caseId}), s.ordinal, s.name_sealed, s.name_mask, s.relation, s.phone_sealed, s.phone_mask
        FROM ${STAGES.contacts.name} s`),
    );
    await this.tx.run(
      rawSql(`INSERT INTO case_lookup (token, case_id, field)
        SELECT DISTINCT s.token, (${caseId}), s.field FROM ${STAGES.lookup.name} s`),
    );
    await this.tx.exec(
      Object.values(STAGES)
        .map((stage) => `TRUNCATE ${stage.name}`)
        .join('; '),
    );
  }

  /** Writes the rest and waits for every chunk. */
  async finish(): Promise<void> {
    await this.flush();
    await this.writing;
  }
}
