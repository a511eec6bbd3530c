/**
 * Writes an import's cases inside its transaction, a chunk at a time, sealed by the seal workers
 * (seal-pool.ts, case-rows.ts) while the main thread goes on reading. On PostgreSQL rows go by
 * COPY into session-local staging tables (COPY can't load a table under row-level security), then
 * by one INSERT … SELECT each into the real ones, contacts and tokens finding their case's id by
 * its number; on SQLite by multi-row INSERTs straight in. Chunks are written in the order they
 * were added; a few are sealed ahead while one is written.
 */
import {
  CASE_COLUMNS,
  CONTACT_COLUMNS,
  encodeCases,
  LOOKUP_COLUMNS,
  unpackRows,
  type CaseRows,
  type NewCase,
  type PackedRows,
} from './case-rows';
import { copyText } from '../store/copy-text';
import { rawSql, sql, Sql, type SqlValue } from '../store/sql';
import type { Queryable } from '../store/store';

/** What seals a chunk of cases (JSON lines, encodeCases) into rows: the seal workers, or in-process. */
export interface CaseSealer {
  seal(lines: Uint8Array): Promise<PackedRows>;
}

interface Stage {
  name: string;
  columns: readonly string[];
  /** Column types for PostgreSQL's temp table (SQLite's temp tables take any). */
  types: readonly string[];
}

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
    columns: CONTACT_COLUMNS,
    types: ['text', 'integer', 'bytea', 'text', 'text', 'bytea', 'text'],
  },
  lookup: { name: 'import_stage_lookup', columns: LOOKUP_COLUMNS, types: ['bytea', 'text', 'text'] },
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
  private chunk: NewCase[] = [];
  private writing: Promise<void> = Promise.resolve();
  private readonly inFlight: Promise<void>[] = [];
  written = 0;

  private constructor(
    private readonly tx: Queryable,
    private readonly sealer: CaseSealer,
  ) {}

  /** Cases a chunk: SQLite binds at most 32,766 parameters a statement (a case row has 30). */
  static readonly CHUNK = 1000;
  /** Chunks sealed or being written at once: enough to keep every worker busy, few in memory. */
  private static readonly AHEAD = 4;

  static async start(tx: Queryable, sealer: CaseSealer): Promise<CaseWriter> {
    if (tx.copyIn)
      for (const stage of Object.values(STAGES))
        await tx.exec(
          `CREATE TEMP TABLE IF NOT EXISTS ${stage.name} (${stage.columns.map((c, i) => `${c} ${stage.types[i]}`).join(', ')}) ON COMMIT DROP`,
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
        const packed = await sealed;
        await before;
        await this.write(unpackRows(packed));
      })();
      // A failure surfaces at the next flush or at finish(); never unobserved meanwhile.
      sealed.catch(() => undefined);
      this.writing.catch(() => undefined);
      this.inFlight.push(this.writing);
    }
    while (this.inFlight.length >= CaseWriter.AHEAD) await this.inFlight.shift();
  }

  private async write(rows: CaseRows): Promise<void> {
    if (this.tx.copyIn) await this.viaStaging(rows);
    else await this.direct(rows);
    this.written += rows.cases.length;
  }

  /**
   * SQLite: straight into the tables, a statement per CHUNK rows; the cases' ids come back from
   * their INSERT, so contacts and tokens carry them instead of looking each one up.
   */
  private async direct(chunk: CaseRows): Promise<void> {
    const ids = new Map<string, number>();
    for (let i = 0; i < chunk.cases.length; i += CaseWriter.CHUNK) {
      const made = await this.tx.all<{ id: number; case_no: string }>(
        sql`${rawSql(`INSERT INTO cases (${CASE_COLUMNS.join(', ')}) VALUES `)}${valuesOf(chunk.cases.slice(i, i + CaseWriter.CHUNK))} RETURNING id, case_no`,
      );
      for (const row of made) ids.set(row.case_no, row.id);
    }
    const withId = (rows: SqlValue[][], at: number): SqlValue[][] => {
      for (const row of rows) {
        const id = ids.get(row[at] as string);
        if (id === undefined) throw new RangeError('a contact or token of a case not in its chunk');
        row[at] = id;
      }
      return rows;
    };
    const insert = async (head: string, rows: SqlValue[][]) => {
      for (let i = 0; i < rows.length; i += CaseWriter.CHUNK)
        await this.tx.run(sql`${rawSql(head)}${valuesOf(rows.slice(i, i + CaseWriter.CHUNK))}`);
    };
    await insert(
      `INSERT INTO case_contacts (case_id, ${CONTACT_COLUMNS.slice(1).join(', ')}) VALUES `,
      withId(chunk.contacts, 0),
    );
    await insert(`INSERT OR IGNORE INTO case_lookup (token, case_id, field) VALUES `, withId(chunk.lookup, 1));
  }

  /** PostgreSQL: COPY into the staging tables, then one INSERT … SELECT each, then empty them. */
  private async viaStaging(chunk: CaseRows): Promise<void> {
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
    this.inFlight.length = 0;
  }
}
