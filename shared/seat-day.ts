/**
 * The seat's calendar (Asia/Shanghai, UTC+8 all year, no daylight saving): days as `YYYY-MM-DD`,
 * minutes after local midnight. Counters reset and windows open by this clock.
 */
export const SEAT_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The seat-zone day of a UTC instant. */
export function seatDay(ms: number): string {
  return new Date(ms + SEAT_OFFSET_MS).toISOString().slice(0, 10);
}

/** Minutes after the seat-zone midnight (0–1439). */
export function seatMinute(ms: number): number {
  return Math.floor(((((ms + SEAT_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS) / 60_000);
}

/** The UTC instant a seat-zone day starts. */
export function seatDayStart(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) - SEAT_OFFSET_MS;
}

/** The seat-zone instant of `minute` on `day`. */
export function seatTimeOn(day: string, minute: number): number {
  return seatDayStart(day) + minute * 60_000;
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Saturday or Sunday. */
export function isWeekend(day: string): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** A real calendar day written `YYYY-MM-DD`. */
export function isDay(text: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && addDays(text, 0) === text
  );
}

/** `HH:mm` of a minute of the day. */
export function clockOf(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** A `YYYY-MM-DDTHH:mm` form value (a datetime-local field) read as seat time; undefined if not one. */
export function seatLocalInstant(local: string): number | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(local);
  return m && isDay(m[1]!) ? seatTimeOn(m[1]!, Number(m[2]) * 60 + Number(m[3])) : undefined;
}

/** `YYYY-MM-DD HH:mm` in the seat's zone. */
export function seatClock(ms: number): string {
  return new Date(ms + SEAT_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}
