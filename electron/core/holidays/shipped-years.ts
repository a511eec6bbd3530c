/**
 * The holiday years shipped with this version (resources/holidays, transcribed from the State
 * Council notices). A vault gets them when it is made or upgraded; later years are imported.
 */
import { createHash } from 'node:crypto';
import y2025 from '../../../resources/holidays/2025.json';
import y2026 from '../../../resources/holidays/2026.json';

export interface HolidayYear {
  year: number;
  papers: string[];
  days: { name: string; date: string; isOffDay: boolean }[];
}

export const SHIPPED_YEARS: readonly HolidayYear[] = [y2025, y2026];

/** The hash a shipped year is stored with: of its canonical JSON (the file's bytes may vary). */
export function yearSha256(year: HolidayYear): string {
  return createHash('sha256').update(JSON.stringify(year)).digest('hex');
}

const quote = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/** INSERTs of the shipped years (SQL text, for the migration: same on both stores). */
export function shippedYearsSql(): string {
  return SHIPPED_YEARS.map((y) => {
    const days = y.days
      .map((d) => `(${quote(d.date)}, ${y.year}, ${quote(d.name)}, ${d.isOffDay ? 1 : 0})`)
      .join(',\n      ');
    return `INSERT INTO holiday_years (year, papers, sha256, source, imported_at) VALUES
      (${y.year}, ${quote(JSON.stringify(y.papers))}, ${quote(yearSha256(y))}, 'shipped', 0);
    INSERT INTO holiday_days (day, year, name, off) VALUES
      ${days};`;
  }).join('\n    ');
}
