/**
 * Walks a delivery's files once, in archive order, streaming: finds in each CSV file and each
 * workbook sheet the header row (within its first rows, below any title), tells case detail
 * from the summary by which template fits, and hands every detail row, checked, to a visitor.
 * The check pass and the commit pass walk the same way, so they see the same rows: what they
 * read is hashed as it is read (`contentSha256`), and the same bytes walked with the same
 * templates on the same day give the same rows and verdicts.
 */
import { createHash, type Hash } from 'node:crypto';
import { fail } from '../errors';
import type { DeliveryArchive } from './delivery-archive';
import { CsvReader, type CsvEncoding } from './delivery-csv';
import { openWorkbook } from './delivery-xlsx';
import { checkRow, type CheckedRow, type SourceCell } from './case-row';
import { SUMMARY_FIELDS, type SummaryField } from './case-fields';
import { chooseTemplate, mapHeaders, mapSummary, type HeaderMapping, type MappingTemplate } from './mapping-template';

/** A header is looked for in this many rows from the top (titles, notes above it). */
const HEADER_SEARCH_ROWS = 5;
/** A workbook is read into memory to be opened: one larger than this is no bank's case list. */
export const MAX_WORKBOOK_BYTES = 256 * 1024 ** 2;

export interface DetailSource {
  /** `WA…/案件明细.csv`, or `案件明细.xlsx › 案件明细` for a sheet. */
  label: string;
  encoding: CsvEncoding | 'xlsx';
  headerRow: number;
  headers: string[];
  mapping: HeaderMapping;
}

export interface SummarySource {
  label: string;
  values: Partial<Record<SummaryField, string>>;
}

export interface DeliveryLayout {
  template: MappingTemplate;
  details: DetailSource[];
  summary: SummarySource | null;
  /** Files that are neither case detail nor summary (a readme, a cover letter). */
  ignored: string[];
  /** SHA-256 of every file's name and decrypted content as the walk read them, in order. */
  contentSha256: string;
}

export interface WalkOptions {
  templates: readonly MappingTemplate[];
  /** Only this template (the CLI's --template, the custodian's choice). */
  named?: string | undefined;
  today: Date;
  onRow(source: DetailSource, row: CheckedRow): void;
  /** After each chunk read: lets the consumer write what it was given. */
  drain?: () => Promise<void>;
  /** Bytes of the archive's files read so far. */
  onProgress?: (bytes: number) => void;
}

/** A summary candidate: its rows kept until the detail's template says which fields it has. */
interface SummaryCandidate {
  label: string;
  rows: string[][];
}

/** One table (a CSV file or a sheet) as rows arrive: header search, then detail or summary. */
class Table {
  private seen = 0;
  private detail: DetailSource | null = null;
  readonly summary: SummaryCandidate;
  private firstRow: string[] | null = null;

  constructor(
    readonly label: string,
    private readonly encoding: () => CsvEncoding | 'xlsx',
    private readonly walk: Walk,
  ) {
    this.summary = { label, rows: [] };
  }

  row(row: number, cells: (SourceCell | undefined)[]): void {
    if (this.detail) {
      if (cells.every((c) => (c?.text.trim() ?? '') === '')) return;
      this.walk.options.onRow(
        this.detail,
        checkRow(this.label, row, cells, this.detail.mapping, this.detail.headers, this.walk.options.today),
      );
      return;
    }
    if (this.seen >= HEADER_SEARCH_ROWS) return;
    const texts = cells.map((c) => c?.text ?? '');
    if (texts.every((t) => t.trim() === '')) return;
    this.seen += 1;
    this.firstRow ??= texts;
    if (this.summary.rows.length < HEADER_SEARCH_ROWS * 2) this.summary.rows.push(texts);
    const mapping = chooseTemplate(this.walk.options.templates, texts, this.walk.options.named);
    if (!mapping) return;
    this.detail = { label: this.label, encoding: this.encoding(), headerRow: row, headers: texts, mapping };
    this.walk.details.push(this.detail);
  }

  /** The table's first row, when it became neither detail nor summary (for a "none fits" report). */
  get header(): string[] | null {
    return this.detail ? null : this.firstRow;
  }

  get isDetail(): boolean {
    return this.detail !== null;
  }
}

class Walk {
  readonly details: DetailSource[] = [];
  readonly tables: Table[] = [];
  readonly ignored: string[] = [];
  readonly content: Hash = createHash('sha256');
  constructor(readonly options: WalkOptions) {}

  /** Before a file's content: its name, so two files can't pass for one. */
  file(name: string): void {
    this.content.update(`${Buffer.byteLength(name)}:${name}\n`);
  }
}

async function walkCsv(
  archive: DeliveryArchive,
  name: string,
  walk: Walk,
  progress: (n: number) => void,
): Promise<void> {
  const reader: CsvReader = new CsvReader((record) =>
    table.row(
      record.row,
      record.cells.map((text) => ({ text, numeric: false, date: false, formula: false })),
    ),
  );
  const table = new Table(name, () => reader.encoding ?? 'utf-8', walk);
  walk.tables.push(table);
  walk.file(name);
  await archive.read(name, async (chunk) => {
    walk.content.update(chunk);
    reader.write(chunk);
    progress(chunk.length);
    await walk.options.drain?.();
  });
  await reader.end();
  await walk.options.drain?.();
}

async function walkWorkbook(
  archive: DeliveryArchive,
  name: string,
  size: number,
  walk: Walk,
  progress: (n: number) => void,
): Promise<void> {
  if (size > MAX_WORKBOOK_BYTES) fail('INPUT_REJECTED', 'import.workbook.tooLarge', { name });
  const bytes = new Uint8Array(size);
  let at = 0;
  walk.file(name);
  await archive.read(name, (chunk) => {
    walk.content.update(chunk);
    bytes.set(chunk, at);
    at += chunk.length;
    progress(chunk.length);
  });
  try {
    const book = await openWorkbook(bytes);
    for (const sheet of book.sheets) {
      const table = new Table(`${name} › ${sheet}`, () => 'xlsx', walk);
      walk.tables.push(table);
      await book.rows(sheet, (row) => table.row(row.row, row.cells), walk.options.drain);
      await walk.options.drain?.();
    }
  } finally {
    // The workbook's plaintext lives only here: gone as soon as the sheets are read.
    bytes.fill(0);
  }
}

/** The summary's values, under the detail's template: the first candidate whose header row fits. */
function pickSummary(tables: readonly Table[], template: MappingTemplate): SummarySource | null {
  for (const table of tables) {
    if (table.isDetail) continue;
    const rows = table.summary.rows;
    for (let i = 0; i + 1 < rows.length; i += 1) {
      const columns = mapSummary(template, rows[i]!);
      if (!columns) continue;
      const values: Partial<Record<SummaryField, string>> = {};
      for (const field of SUMMARY_FIELDS) {
        const column = columns.get(field);
        if (column !== undefined) values[field] = rows[i + 1]![column]?.trim() ?? '';
      }
      return { label: table.label, values };
    }
  }
  return null;
}

/** Why nothing fitted: the template closest to the first table's header, and what it lacks. */
function noTemplate(walk: Walk): never {
  const header = walk.tables.map((t) => t.header).find((h) => h !== null);
  const tried =
    walk.options.named === undefined
      ? walk.options.templates
      : walk.options.templates.filter((t) => t.name === walk.options.named);
  if (!header || tried.length === 0) fail('INPUT_REJECTED', 'import.template.noTable');
  const nearest = tried
    .map((t) => mapHeaders(t, header))
    .sort((a, b) => a.missing.length + a.repeated.length - (b.missing.length + b.repeated.length))[0]!;
  const lacking = [...nearest.missing, ...nearest.repeated].map((f) => nearest.template.fields[f]?.[0] ?? f);
  return fail('INPUT_REJECTED', 'import.template.none', {
    template: nearest.template.name,
    columns: lacking.join('、'),
  });
}

export async function walkDelivery(archive: DeliveryArchive, options: WalkOptions): Promise<DeliveryLayout> {
  const walk = new Walk(options);
  let bytes = 0;
  const progress = (n: number): void => {
    bytes += n;
    options.onProgress?.(bytes);
  };
  for (const file of archive.files) {
    const lower = file.name.toLowerCase();
    if (/\.(csv|txt)$/.test(lower)) await walkCsv(archive, file.name, walk, progress);
    else if (lower.endsWith('.xlsx')) await walkWorkbook(archive, file.name, file.size, walk, progress);
    else if (/\.(xlsm|xltm|xlam)$/.test(lower)) fail('INPUT_REJECTED', 'import.workbook.macros');
    else if (/\.(xls|xlt|et)$/.test(lower)) fail('INPUT_REJECTED', 'import.file.legacyExcel', { name: file.name });
    else walk.ignored.push(file.name);
  }
  if (walk.details.length === 0) noTemplate(walk);
  const template = walk.details[0]!.mapping.template;
  if (walk.details.some((d) => d.mapping.template.name !== template.name))
    fail('INPUT_REJECTED', 'import.template.mixed');
  for (const table of walk.tables)
    if (!table.isDetail && !pickSummary([table], template) && table.header) walk.ignored.push(table.label);
  return {
    template,
    details: walk.details,
    summary: pickSummary(walk.tables, template),
    ignored: walk.ignored,
    contentSha256: walk.content.digest('hex'),
  };
}
