/**
 * IT imports next year's holiday file (collection-rules.md): checked, shown as a diff against what
 * the vault holds with the notice it cites, approved by a second person at the same seat, stored
 * with its hash, importer, approver and time — one transaction, logged with the approval.
 */
import { seatDay } from '../../../shared/seat-day';
import { approve, granted, type ApprovalInput } from '../access/two-person';
import { usernamesById } from '../accounts/account-repository';
import { fail } from '../errors';
import type { Session } from '../session/session';
import type { Queryable } from '../store/store';
import { sql } from '../store/sql';
import { checkHolidayFile, type CheckedYear } from './holiday-file';

export interface HolidayDay {
  date: string;
  name: string;
  off: boolean;
}

export interface YearSummary {
  year: number;
  papers: string[];
  sha256: string;
  source: 'shipped' | 'imported';
  importedBy: string | null;
  approvedBy: string | null;
  importedAt: number;
  days: HolidayDay[];
}

export interface CalendarState {
  years: YearSummary[];
  /** From 1 November: next year is not in the calendar yet. */
  nextYearMissing: number | null;
  /** This year is not in the calendar (the missing-year setting applies). */
  currentYearMissing: number | null;
}

async function daysOf(db: Queryable, year: number): Promise<HolidayDay[]> {
  const rows = await db.all<{ day: string; name: string; off: number | string }>(
    sql`SELECT day, name, off FROM holiday_days WHERE year = ${year} ORDER BY day`,
  );
  return rows.map((r) => ({ date: r.day, name: r.name, off: Number(r.off) === 1 }));
}

export async function calendarState(session: Session): Promise<CalendarState> {
  const { db } = session.vault;
  const rows = await db.all<{
    year: number | string;
    papers: string;
    sha256: string;
    source: 'shipped' | 'imported';
    imported_by: number | string | null;
    approved_by: number | string | null;
    imported_at: number | string;
  }>(sql`SELECT year, papers, sha256, source, imported_by, approved_by, imported_at FROM holiday_years ORDER BY year`);
  const names = await usernamesById(db);
  const nameOf = (id: number | string | null): string | null => (id === null ? null : (names.get(Number(id)) ?? ''));
  const years: YearSummary[] = [];
  for (const r of rows) {
    years.push({
      year: Number(r.year),
      papers: JSON.parse(r.papers) as string[],
      sha256: r.sha256,
      source: r.source,
      importedBy: nameOf(r.imported_by),
      approvedBy: nameOf(r.approved_by),
      importedAt: Number(r.imported_at),
      days: await daysOf(db, Number(r.year)),
    });
  }
  const today = seatDay(session.vault.now());
  const current = Number(today.slice(0, 4));
  const have = new Set(years.map((y) => y.year));
  return {
    years,
    nextYearMissing: today.slice(5) >= '11-01' && !have.has(current + 1) ? current + 1 : null,
    currentYearMissing: have.has(current) ? null : current,
  };
}

export interface YearDiff {
  year: number;
  papers: string[];
  sha256: string;
  /** What the vault holds for that year now (null: nothing). */
  replaces: string | null;
  added: HolidayDay[];
  removed: HolidayDay[];
  changed: HolidayDay[];
}

function checked(session: Session, text: string): CheckedYear {
  return checkHolidayFile(text, Number(seatDay(session.vault.now()).slice(0, 4)));
}

async function diffOf(db: Queryable, file: CheckedYear): Promise<YearDiff> {
  const stored = await db.get<{ sha256: string }>(sql`SELECT sha256 FROM holiday_years WHERE year = ${file.year.year}`);
  const before = new Map((await daysOf(db, file.year.year)).map((d) => [d.date, d]));
  const after = file.year.days.map((d) => ({ date: d.date, name: d.name, off: d.isOffDay }));
  const afterDates = new Set(after.map((d) => d.date));
  return {
    year: file.year.year,
    papers: file.year.papers,
    sha256: file.sha256,
    replaces: stored?.sha256 ?? null,
    added: after.filter((d) => !before.has(d.date)),
    removed: [...before.values()].filter((d) => !afterDates.has(d.date)),
    changed: after.filter((d) => {
      const b = before.get(d.date);
      return b !== undefined && (b.off !== d.off || b.name !== d.name);
    }),
  };
}

/** The checks and the diff, before anyone approves: nothing is written. */
export async function checkHolidayImport(session: Session, text: string): Promise<YearDiff> {
  return diffOf(session.vault.db, checked(session, text));
}

export async function importHolidays(
  session: Session,
  text: string,
  sha256: string,
  approval: ApprovalInput | undefined,
): Promise<YearDiff> {
  const file = checked(session, text);
  // The approver saw a diff of this very file.
  if (file.sha256 !== sha256) fail('INPUT_REJECTED', 'holiday.fileChanged');
  const request = {
    action: 'holidays.import' as const,
    username: session.account.username,
    accountId: session.account.id,
  };
  const approver = await approve(session, request, approval);
  return session.audited(async (tx) => {
    const diff = await diffOf(tx, file);
    if (diff.replaces === file.sha256) fail('INPUT_REJECTED', 'holiday.sameFile', { year: diff.year });
    const { year, papers, days } = file.year;
    const now = session.vault.now();
    await tx.run(sql`DELETE FROM holiday_days WHERE year = ${year}`);
    await tx.run(sql`INSERT INTO holiday_years (year, papers, sha256, source, imported_by, approved_by, imported_at)
                     VALUES (${year}, ${JSON.stringify(papers)}, ${file.sha256}, 'imported', ${session.account.id}, ${approver.id}, ${now})
                     ON CONFLICT (year) DO UPDATE SET papers = excluded.papers, sha256 = excluded.sha256,
                       source = excluded.source, imported_by = excluded.imported_by,
                       approved_by = excluded.approved_by, imported_at = excluded.imported_at`);
    for (const d of days) {
      await tx.run(
        sql`INSERT INTO holiday_days (day, year, name, off) VALUES (${d.date}, ${year}, ${d.name}, ${d.isOffDay ? 1 : 0})`,
      );
    }
    await session.vault.audit.append(tx, granted(session, approver, request));
    const event = session.event('holidays.imported', 'ok', null, {
      year,
      sha256: file.sha256,
      replaces: diff.replaces,
      offDays: days.filter((d) => d.isOffDay).length,
      workdays: days.filter((d) => !d.isOffDay).length,
      approver: approver.username,
    });
    return { value: diff, event };
  });
}
