/** Access-log export formats: JSON Lines, and CSV that is RFC 4180 quoted and formula-safe. */
import type { AuditEventView, ExportFormat } from '../../shared/contract';
import { csvRow } from '../../shared/csv';
import { isoTime } from './output';

export const CSV_COLUMNS = ['seq', 'time', 'actor', 'seat', 'action', 'object', 'outcome', 'detail'] as const;

/** The export's column docs, for --help: the actions' own fields are listed by `audit actions`. */
export const EXPORT_COLUMNS_HELP =
  `CSV columns: ${CSV_COLUMNS.join(',')} (time in UTC); JSON Lines: the same fields plus "at" (ms).\n` +
  'The detail of each action has the fields "strongroom audit actions" lists.';

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
export async function* exportChunks(
  pages: AsyncIterable<AuditEventView[]>,
  format: ExportFormat,
): AsyncGenerator<string> {
  const line = format === 'csv' ? csvEvent : jsonlEvent;
  // The header once the first page is in: a refused export writes nothing at all.
  let header = format === 'csv';
  for await (const page of pages) {
    yield (header ? csvHeader() : '') + page.map(line).join('');
    header = false;
  }
}
