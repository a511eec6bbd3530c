/** Access-log export formats: JSON Lines, and CSV that is RFC 4180 quoted and formula-safe. */
import type { AuditEventView } from '../../shared/contract';
import { isoTime } from './output';

export type ExportFormat = 'jsonl' | 'csv';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['jsonl', 'csv'];

export const CSV_COLUMNS = ['seq', 'time', 'actor', 'seat', 'action', 'object', 'outcome', 'detail'] as const;

/** Cells a spreadsheet would run as a formula (or that smuggle one in) start with one of these. */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(cells: (string | number | null)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export function csvHeader(): string {
  return csvRow([...CSV_COLUMNS]);
}

export function csvEvent(e: AuditEventView): string {
  return csvRow([e.seq, isoTime(e.at), e.actor, e.seat, e.action, e.object, e.outcome, JSON.stringify(e.detail)]);
}

export function jsonlEvent(e: AuditEventView): string {
  const { seq, at, actor, seat, action, object, outcome, detail } = e;
  return `${JSON.stringify({ seq, time: isoTime(at), at, actor, seat, action, object, outcome, detail })}\n`;
}

/** The export as text chunks: one chunk per page of events (the CSV header first). */
export async function* exportChunks(pages: AsyncIterable<AuditEventView[]>, format: ExportFormat): AsyncGenerator<string> {
  if (format === 'csv') yield csvHeader();
  const line = format === 'csv' ? csvEvent : jsonlEvent;
  for await (const page of pages) yield page.map(line).join('');
}
