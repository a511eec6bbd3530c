/**
 * Reading the calendar: whether a day is a working day (a listed day off, a 调休 make-up workday,
 * else the week), whether its year is in the vault at all, and working-day arithmetic.
 */
import { addDays, isWeekend } from '../../../shared/seat-day';
import type { Queryable } from '../store/store';
import { sql } from '../store/sql';

export interface DayStatus {
  day: string;
  off: boolean;
  /** The holiday's name (off) or the holiday a make-up workday belongs to. */
  name: string | null;
  /** Whether the day's year is in the calendar; if not, `off` is the week's guess. */
  known: boolean;
}

export async function dayStatus(db: Queryable, day: string): Promise<DayStatus> {
  const year = Number(day.slice(0, 4));
  const row = await db.get<{ name: string; off: number | string }>(
    sql`SELECT name, off FROM holiday_days WHERE day = ${day}`,
  );
  if (row) return { day, off: Number(row.off) === 1, name: row.name, known: true };
  const known = await db.get(sql`SELECT 1 AS one FROM holiday_years WHERE year = ${year}`);
  return { day, off: isWeekend(day), name: null, known: known !== undefined };
}

/** The first working day strictly after `day`, counting `n` working days (n ≥ 1). */
export async function workingDaysAfter(db: Queryable, day: string, n: number): Promise<string> {
  let at = day;
  for (let left = n; left > 0;) {
    at = addDays(at, 1);
    if (!(await dayStatus(db, at)).off) left -= 1;
  }
  return at;
}

/** The next day, from `day` on, that is not off (at most a month ahead: holidays are shorter). */
export async function nextWorkingDay(db: Queryable, day: string): Promise<string> {
  let at = day;
  for (let i = 0; i < 31 && (await dayStatus(db, at)).off; i += 1) at = addDays(at, 1);
  return at;
}
