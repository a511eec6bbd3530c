/**
 * Writes an import's cases inside its transaction, a chunk at a time, sealed by the seal workers
 * (seal-pool.ts, case-rows.ts) while the main thread goes on reading. A chunk arrives as one load
 * a table (case-rows.ts, LoadBuilder), each written by one statement: on SQLite an INSERT …
 * SELECT over `jsonb_each` with two bound values (the load, the chunk's bytes); on PostgreSQL a
 * binary COPY into a session-local staging table (COPY can't load a table under row-level
 * security), then one INSERT … SELECT each into the real ones. Contacts find their case's id by
 * its number (the unique index on case_no). Chunks are written in the order they were added; a
 * few are sealed ahead while one is written.
 */
import {
  BYTE_REF,
  CASE_COLUMNS,
  CASE_TYPES,
  CONTACT_COLUMNS,
  CONTACT_TYPES,
  encodeCases,
  TABLES,
  type LoadForm,
  type NewCase,
  type TableLoads,
} from './case-rows';
import type { CopyType } from '../store/copy-binary';
import { rawSql, sql, type Sql } from '../store/sql';
import type { Queryable } from '../store/store';

/** What seals a chunk of cases (JSON lines, encodeCases) into its loads: the seal workers, or in-process. */
export interface CaseSealer {
  seal(lines: Uint8Array): Promise<TableLoads>;
}

/** The form `tx`'s store loads rows in: COPY where it can (PostgreSQL), JSON otherwise (SQLite). */
export const loadFormOf = (tx: Queryable): LoadForm => (tx.copyIn ? 'copy' : 'json');

interface Table {
  /** PostgreSQL's staging table for it (a temp table: its rows never reach the WAL). */
  stage: string;
  columns: readonly string[];
  /** Each column's type: its COPY type, and its stage's column type. */
  types: readonly CopyType[];
}

const LOADS = {
  cases: { stage: 'import_stage_cases', columns: CASE_COLUMNS, types: CASE_TYPES },
  contacts: { stage: 'import_stage_contacts', columns: CONTACT_COLUMNS, types: CONTACT_TYPES },
} as const satisfies Record<string, Table>;

/**
 * SQLite: a JSON row's columns (`value`, from jsonb_each: binary JSON, parsed once per chunk) as
 * the table stores them: a byte value from its reference into the chunk's bytes `b` (case-rows.ts,
 * BYTE_REF), and in a contact's row the case number as its case's id (a number with no
 * case fails the NOT NULL).
 */
function insertOverJson(table: string, { columns, types }: Table, caseNoToId: boolean): string {
  const toId = (c: string) => caseNoToId && c === 'case_no';
  const names = columns.map((c) => (toId(c) ? 'case_id' : c));
  const values = columns.map((c, i) =>
    types[i] === 'bytea'
      ? `substr(b, value->>${i} / ${BYTE_REF} + 1, value->>${i} % ${BYTE_REF})`
      : toId(c)
        ? `(SELECT id FROM cases WHERE case_no = value->>${i})`
        : `value->>${i}`,
  );
  return `INSERT INTO ${table} (${names.join(', ')}) SELECT ${values.join(', ')} FROM jsonb_each(CAST(`;
}

const JSON_INSERTS = {
  cases: insertOverJson('cases', LOADS.cases, false),
  contacts: insertOverJson('case_contacts', LOADS.contacts, true),
} as const;

const asBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);

/** One of JSON_INSERTS over a chunk's load (bound as bytes, read as text) and its bytes. */
const overJson = (head: string, load: Uint8Array, bytes: Uint8Array): Sql =>
  sql`${rawSql(head)}${asBuffer(load)}${rawSql(' AS TEXT)) JOIN (SELECT ')}${asBuffer(bytes)}${rawSql(' AS b)')}`;

export class CaseWriter {
  private chunk: NewCase[] = [];
  private writing: Promise<void> = Promise.resolve();
  private readonly inFlight: Promise<void>[] = [];
  written = 0;

  private constructor(
    private readonly tx: Queryable,
    private readonly sealer: CaseSealer,
  ) {}

  /** Cases a chunk: each chunk's loads are a few MB, and AHEAD of them are in memory at once. */
  static readonly CHUNK = 1000;
  /** Chunks sealed or being written at once: enough to keep every worker busy, few in memory. */
  private static readonly AHEAD = 4;

  static async start(tx: Queryable, sealer: CaseSealer): Promise<CaseWriter> {
    if (loadFormOf(tx) === 'copy')
      for (const t of Object.values(LOADS))
        await tx.exec(
          `CREATE TEMP TABLE IF NOT EXISTS ${t.stage} (${t.columns.map((c, i) => `${c} ${t.types[i]}`).join(', ')}) ON COMMIT DROP`,
        );
    return new CaseWriter(tx, sealer);
  }

  get pending(): number {
    return this.chunk.length;
  }

  add(c: NewCase): void {
    this.chunk.push(c);
  }

  /** Hands what was added to the seal workers; waits while too many chunks are ahead. */
  async flush(): Promise<void> {
    if (this.chunk.length > 0) {
      const sealed = this.sealer.seal(encodeCases(this.chunk));
      this.chunk = [];
      const before = this.writing;
      // Written in the order added, each as soon as it is sealed and the one before is written.
      this.writing = (async () => {
        const loads = await sealed;
        await before;
        await this.write(loads);
      })();
      // A failure surfaces at the next flush or at finish(); never unobserved meanwhile.
      sealed.catch(() => undefined);
      this.writing.catch(() => undefined);
      this.inFlight.push(this.writing);
    }
    while (this.inFlight.length >= CaseWriter.AHEAD) await this.inFlight.shift();
  }

  private async write(loads: TableLoads): Promise<void> {
    if (loadFormOf(this.tx) === 'copy') await this.viaStaging(loads);
    else for (const table of TABLES) await this.tx.run(overJson(JSON_INSERTS[table], loads[table], loads.bytes));
    this.written += loads.count;
  }

  /** PostgreSQL: COPY into the staging tables, then one INSERT … SELECT each, then empty them. */
  private async viaStaging(loads: TableLoads): Promise<void> {
    for (const table of TABLES) {
      const t = LOADS[table];
      await this.tx.copyIn!(`COPY ${t.stage} (${t.columns.join(', ')}) FROM STDIN (FORMAT binary)`, loads[table]);
    }
    const caseColumns = CASE_COLUMNS.join(', ');
    await this.tx.run(rawSql(`INSERT INTO cases (${caseColumns}) SELECT ${caseColumns} FROM ${LOADS.cases.stage}`));
    // The case id by a lookup per staged row (the unique index on case_no), never a scan of cases.
    const caseId = 'SELECT c.id FROM cases c WHERE c.case_no = s.case_no';
    const contactColumns = CONTACT_COLUMNS.filter((c) => c !== 'case_no');
    await this.tx.run(
      rawSql(`INSERT INTO case_contacts (case_id, ${contactColumns.join(', ')})
        SELECT (${caseId}), ${contactColumns.map((c) => `s.${c}`).join(', ')} FROM ${LOADS.contacts.stage} s`),
    );
    await this.tx.exec(
      Object.values(LOADS)
        .map((t) => `TRUNCATE ${t.stage}`)
        .join('; '),
    );
  }

  /** Writes the rest and waits for every chunk. */
  async finish(): Promise<void> {
    await this.flush();
    await this.writing;
    this.inFlight.length = 0;
  }
}
