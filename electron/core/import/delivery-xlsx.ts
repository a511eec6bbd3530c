/**
 * An XLSX workbook from a delivery, read in memory (docs/import-archive.md, "XLSX"): its parts
 * with zip.js, its XML with saxes. Values are what the workbook stored: no formula is evaluated
 * (a formula cell gives its cached value and says so), no document type declaration is accepted
 * (so no entity, external or not, is ever resolved), and encrypted or macro-enabled workbooks are
 * refused. Rows stream out one at a time; the sheet is not built whole.
 */
import { Uint8ArrayReader, ZipReader, type Entry, type FileEntry } from '@zip.js/zip.js';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { fail, VaultError } from '../errors';
import { ARCHIVE_LIMITS } from './delivery-archive';
import { columnName } from './case-row';

/** One cell as stored: its text, whether it was a number (and date-formatted), whether a formula. */
export interface XlsxCell {
  /** `E5`: where a spreadsheet user finds it. */
  ref: string;
  text: string;
  numeric: boolean;
  /** Styled as a date: `text` is the day it shows, `YYYY-MM-DD`. */
  date: boolean;
  formula: boolean;
}

export interface XlsxRow {
  /** 1-based, as the sheet numbers it. */
  row: number;
  /** By column, 0-based; a column with no cell is absent. */
  cells: (XlsxCell | undefined)[];
}

export interface Workbook {
  sheets: string[];
  /**
   * Streams a sheet's rows, in order; `onRow` may stop the read by throwing. `drain` runs after
   * each chunk of the sheet's XML, for a consumer that writes what it was given (backpressure).
   */
  rows(sheet: string, onRow: (row: XlsxRow) => void, drain?: () => Promise<void>): Promise<void>;
}

/** A workbook holds a few dozen parts; anything past this is not a bank's export. */
const MAX_PARTS = 256;
/** OLE compound file: how Excel stores a password-protected workbook (and old .xls). */
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** The number formats Excel builds in for dates and times (ECMA-376 §18.8.30). */
const BUILT_IN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

function refuse(key: string, params?: Record<string, string>): never {
  return fail('INPUT_REJECTED', key, params);
}

const local = (name: string): string => name.slice(name.indexOf(':') + 1);

/** Parses one part, calling `onTag`/`onText` as it goes; a DOCTYPE anywhere is refused. */
async function parsePart(
  entry: FileEntry,
  handlers: {
    open?(tag: SaxesTagPlain): void;
    close?(name: string): void;
    text?(text: string): void;
    drain?(): Promise<void>;
  },
): Promise<void> {
  const parser = new SaxesParser<{ xmlns: false; position: false }>({ xmlns: false, position: false });
  let failure: unknown = null;
  parser.on('doctype', () => {
    failure ??= new VaultError('INPUT_REJECTED', 'import.workbook.doctype');
  });
  parser.on('error', (err) => {
    failure ??= err;
  });
  if (handlers.open) parser.on('opentag', (tag) => failure === null && handlers.open?.(tag));
  if (handlers.close) parser.on('closetag', (tag) => failure === null && handlers.close?.(local(tag.name)));
  if (handlers.text) {
    parser.on('text', (t) => failure === null && handlers.text?.(t));
    parser.on('cdata', (t) => failure === null && handlers.text?.(t));
  }
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let seen = 0;
  const sink = new WritableStream<Uint8Array>({
    async write(chunk) {
      seen += chunk.length;
      if (seen > entry.uncompressedSize) refuse('import.workbook.damaged');
      try {
        parser.write(decoder.decode(chunk, { stream: true }));
      } catch (err) {
        failure ??= err;
      }
      // Stops the read; the failure itself is reported below.
      if (failure !== null) throw new Error('part refused');
      await handlers.drain?.();
    },
  });
  try {
    await entry.getData(sink, { checkSignature: true });
    parser.write(decoder.decode()).close();
  } catch (err) {
    failure ??= err;
  }
  if (failure !== null)
    throw failure instanceof VaultError ? failure : new VaultError('INPUT_REJECTED', 'import.workbook.damaged');
}

/** `A1` → column 0; `AB12` → column 27. */
function columnOf(ref: string): number {
  let col = 0;
  for (const ch of ref) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) break;
    col = col * 26 + (code - 64);
  }
  return col - 1;
}

/** A number as the workbook shows it: 15 significant digits, so 0.1 + 0.2 reads 0.3. */
function numberText(raw: string): string {
  const value = Number(raw);
  if (!Number.isFinite(value)) return raw;
  // Beyond 15 digits Excel has already lost them (an ID number typed as a number): say so as it does.
  if (Math.abs(value) >= 1e15) return value.toExponential().toUpperCase();
  return String(Number(value.toPrecision(15)));
}

export async function openWorkbook(bytes: Uint8Array): Promise<Workbook> {
  if (CFB_MAGIC.every((b, i) => bytes[i] === b)) refuse('import.workbook.encrypted');
  let entries: Entry[];
  try {
    entries = await new ZipReader(new Uint8ArrayReader(bytes)).getEntries();
  } catch {
    return refuse('import.workbook.damaged');
  }
  if (entries.length > MAX_PARTS) refuse('import.workbook.damaged');
  const parts = new Map<string, FileEntry>();
  let total = 0;
  for (const entry of entries) {
    if (entry.directory) continue;
    total += entry.uncompressedSize;
    if (total > ARCHIVE_LIMITS.maxTotalBytes) refuse('import.archive.tooLarge');
    if (entry.uncompressedSize > Math.max(entry.compressedSize, 1) * ARCHIVE_LIMITS.maxRatio)
      refuse('import.archive.bomb', { name: entry.filename });
    parts.set(entry.filename.replace(/^\//, ''), entry);
  }
  // Macros: the VBA project part, or a macro-enabled content type (.xlsm, .xltm, .xlam).
  if ([...parts.keys()].some((name) => /vbaProject\.bin$/i.test(name))) refuse('import.workbook.macros');
  const contentTypes = parts.get('[Content_Types].xml');
  const workbookPart = parts.get('xl/workbook.xml');
  if (!contentTypes || !workbookPart) refuse('import.workbook.damaged');
  await parsePart(contentTypes, {
    open(tag) {
      if (/macroEnabled/i.test(String(tag.attributes.ContentType ?? ''))) refuse('import.workbook.macros');
    },
  });

  const declared: { name: string; rel: string }[] = [];
  let date1904 = false;
  await parsePart(workbookPart, {
    open(tag) {
      const name = local(tag.name);
      if (name === 'sheet') {
        const rel = Object.entries(tag.attributes).find(([k]) => local(k) === 'id')?.[1];
        declared.push({ name: String(tag.attributes.name ?? ''), rel: String(rel ?? '') });
      } else if (name === 'workbookPr') date1904 = /^(1|true)$/.test(String(tag.attributes.date1904 ?? ''));
    },
  });

  const targets = new Map<string, string>();
  const rels = parts.get('xl/_rels/workbook.xml.rels');
  if (rels)
    await parsePart(rels, {
      open(tag) {
        if (local(tag.name) !== 'Relationship') return;
        const target = String(tag.attributes.Target ?? '');
        if (String(tag.attributes.TargetMode ?? '') === 'External') return;
        targets.set(String(tag.attributes.Id ?? ''), target.startsWith('/') ? target.slice(1) : `xl/${target}`);
      },
    });

  const strings = await sharedStrings(parts.get('xl/sharedStrings.xml'));
  const dateStyles = await dateStyleIndexes(parts.get('xl/styles.xml'));
  const sheetParts = new Map(declared.map((s) => [s.name, parts.get(targets.get(s.rel) ?? '')]));

  return {
    sheets: declared.filter((s) => sheetParts.get(s.name)).map((s) => s.name),
    async rows(sheet, onRow, drain) {
      const part = sheetParts.get(sheet);
      if (!part) throw new RangeError('no such sheet');
      await readSheet(part, { strings, dateStyles, date1904 }, onRow, drain);
    },
  };
}

async function sharedStrings(part: FileEntry | undefined): Promise<string[]> {
  const out: string[] = [];
  if (!part) return out;
  let current: string[] | null = null;
  let inText = false;
  // Phonetic runs (<rPh>) are reading aids, not the cell's text.
  let inPhonetic = false;
  await parsePart(part, {
    open(tag) {
      const name = local(tag.name);
      if (name === 'si') current = [];
      else if (name === 'rPh') inPhonetic = true;
      else if (name === 't' && !inPhonetic) inText = true;
    },
    close(name) {
      if (name === 'si') out.push((current ?? []).join(''));
      else if (name === 'rPh') inPhonetic = false;
      else if (name === 't') inText = false;
    },
    text(text) {
      if (inText) current?.push(text);
    },
  });
  return out;
}

/** The `cellXfs` indexes whose number format is a date. */
async function dateStyleIndexes(part: FileEntry | undefined): Promise<Set<number>> {
  const dates = new Set<number>();
  if (!part) return dates;
  const customDates = new Set<number>();
  let inXfs = false;
  let index = 0;
  await parsePart(part, {
    open(tag) {
      const name = local(tag.name);
      if (name === 'numFmt') {
        // A format with a day, month or year token outside quotes and brackets is a date.
        const code = String(tag.attributes.formatCode ?? '').replace(/"[^"]*"|\[[^\]]*\]/g, '');
        if (/[dy]|m(?!.*s)/i.test(code)) customDates.add(Number(tag.attributes.numFmtId));
      } else if (name === 'cellXfs') inXfs = true;
      else if (name === 'xf' && inXfs) {
        const fmt = Number(tag.attributes.numFmtId ?? 0);
        if (BUILT_IN_DATES.has(fmt) || customDates.has(fmt)) dates.add(index);
        index += 1;
      }
    },
    close(name) {
      if (name === 'cellXfs') inXfs = false;
    },
  });
  return dates;
}

interface SheetContext {
  strings: readonly string[];
  dateStyles: ReadonlySet<number>;
  /** The Mac epoch: day 0 is 1904-01-01, not 1899-12-30. */
  date1904: boolean;
}

async function readSheet(
  part: FileEntry,
  context: SheetContext,
  onRow: (row: XlsxRow) => void,
  drain?: () => Promise<void>,
): Promise<void> {
  let row: XlsxRow | null = null;
  let nextRow = 1;
  let cell: { ref: string; col: number; type: string; style: number; formula: boolean; text: string[] } | null = null;
  let nextCol = 0;
  let capture: 'v' | 't' | null = null;
  await parsePart(part, {
    open(tag) {
      const name = local(tag.name);
      if (name === 'row') {
        const r = Number(tag.attributes.r ?? nextRow);
        row = { row: Number.isInteger(r) && r > 0 ? r : nextRow, cells: [] };
        nextRow = row.row + 1;
        nextCol = 0;
      } else if (name === 'c' && row) {
        const ref = String(tag.attributes.r ?? '');
        const col = ref ? columnOf(ref) : nextCol;
        nextCol = col + 1;
        cell = {
          ref: ref || `${columnName(col)}${row.row}`,
          col,
          type: String(tag.attributes.t ?? 'n'),
          style: Number(tag.attributes.s ?? 0),
          formula: false,
          text: [],
        };
      } else if (cell && name === 'f') cell.formula = true;
      else if (cell && (name === 'v' || name === 't')) capture = name;
      else if (cell && name === 'rPh') capture = null;
    },
    close(name) {
      if ((name === 'v' || name === 't') && capture === name) capture = null;
      else if (name === 'c' && cell && row) {
        row.cells[cell.col] = finish(cell, context);
        cell = null;
      } else if (name === 'row' && row) {
        onRow(row);
        row = null;
      }
    },
    text(text) {
      if (cell && capture) cell.text.push(text);
    },
    ...(drain ? { drain } : {}),
  });
}

const DAY = 86_400_000;

/** A date-styled day number as `YYYY-MM-DD` (what a date column expects to parse). */
function dayText(raw: string, date1904: boolean): string {
  const day = Math.floor(Number(raw));
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  const date = new Date(epoch + day * DAY);
  return Number.isNaN(date.getTime()) ? raw : date.toISOString().slice(0, 10);
}

function finish(
  cell: { ref: string; type: string; style: number; formula: boolean; text: string[] },
  { strings, dateStyles, date1904 }: SheetContext,
): XlsxCell {
  const raw = cell.text.join('');
  const base = { ref: cell.ref, formula: cell.formula, numeric: false, date: false };
  switch (cell.type) {
    case 's':
      return { ...base, text: strings[Number(raw)] ?? '' };
    case 'inlineStr':
    case 'str':
      return { ...base, text: raw };
    case 'b':
      return { ...base, text: raw === '1' ? 'TRUE' : 'FALSE' };
    case 'e':
      return { ...base, text: raw };
    case 'd':
      return { ...base, text: raw.slice(0, 10) };
    default:
      if (raw === '') return { ...base, text: '' };
      if (dateStyles.has(cell.style)) return { ...base, text: dayText(raw, date1904), numeric: true, date: true };
      return { ...base, text: numberText(raw), numeric: true };
  }
}
