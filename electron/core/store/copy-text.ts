/**
 * Rows in PostgreSQL COPY text format (tab-separated, `\N` for NULL, backslash escapes;
 * bytea as `\\x` and hex), for Queryable.copyIn.
 */
import type { SqlValue } from './sql';

function field(value: SqlValue): string {
  if (value === null) return '\\N';
  if (Buffer.isBuffer(value)) return `\\\\x${value.toString('hex')}`;
  if (typeof value !== 'string') return String(value);
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

export function copyText(rows: readonly (readonly SqlValue[])[]): string {
  let out = '';
  for (const row of rows) out += `${row.map(field).join('\t')}\n`;
  return out;
}
