/**
 * A holiday year file as IT imports it (holiday-cn format: `{year, papers[], days[{name, date,
 * isOffDay}]}`), checked before anything is shown: the format, the year (this one or the next),
 * each date real and in its year, no date twice, make-up workdays on weekends only, and the
 * notice cited. Each problem has its own key.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { isDay, isWeekend } from '../../../shared/seat-day';
import { fail } from '../errors';
import type { HolidayYear } from './shipped-years';

/** Large enough for any real year (about 40 days), small enough to refuse anything else. */
export const HOLIDAY_FILE_MAX_BYTES = 64 * 1024;

const FileSchema = z.object({
  year: z.number().int(),
  papers: z.array(z.string().trim().min(1).max(300)).max(10),
  days: z
    .array(z.object({ name: z.string().trim().min(1).max(20), date: z.string(), isOffDay: z.boolean() }).strict())
    .max(120),
});

export interface CheckedYear {
  year: HolidayYear;
  sha256: string;
}

export function checkHolidayFile(text: string, currentYear: number): CheckedYear {
  if (Buffer.byteLength(text, 'utf8') > HOLIDAY_FILE_MAX_BYTES) fail('INPUT_REJECTED', 'holiday.fileTooLarge');
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    fail('INPUT_REJECTED', 'holiday.notJson');
  }
  const parsed = FileSchema.safeParse(json);
  if (!parsed.success)
    fail('INPUT_REJECTED', 'holiday.format', { field: parsed.error.issues[0]?.path.join('.') ?? '' });
  const { year, papers, days } = parsed.data;
  if (year !== currentYear && year !== currentYear + 1)
    fail('INPUT_REJECTED', 'holiday.wrongYear', { year, current: currentYear });
  if (papers.length === 0) fail('INPUT_REJECTED', 'holiday.noNotice');
  const seen = new Set<string>();
  for (const d of days) {
    if (!isDay(d.date)) fail('INPUT_REJECTED', 'holiday.badDate', { date: d.date.slice(0, 20) });
    if (Number(d.date.slice(0, 4)) !== year) fail('INPUT_REJECTED', 'holiday.dateOutsideYear', { date: d.date, year });
    if (seen.has(d.date)) fail('INPUT_REJECTED', 'holiday.duplicateDay', { date: d.date });
    seen.add(d.date);
    if (!d.isOffDay && !isWeekend(d.date)) fail('INPUT_REJECTED', 'holiday.makeUpOnWeekday', { date: d.date });
  }
  const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date));
  return {
    year: { year, papers, days: sorted },
    sha256: createHash('sha256').update(text, 'utf8').digest('hex'),
  };
}
