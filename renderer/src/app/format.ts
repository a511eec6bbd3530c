/** Times on this seat: stored in UTC, shown in Asia/Shanghai as YYYY-MM-DD HH:mm:ss. */
export const SEAT_TIME_ZONE = 'Asia/Shanghai';
/** Shanghai keeps UTC+8 all year (no daylight saving). */
const SEAT_OFFSET_MS = 8 * 60 * 60 * 1000;

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: SEAT_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

export function formatSeatTime(ms: number): string {
  const p: Record<string, string> = {};
  for (const part of parts.formatToParts(ms)) p[part.type] = part.value;
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

function parseDay(day: string): [number, number, number] | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? [Number(m[1]), Number(m[2]) - 1, Number(m[3])] : null;
}

/** First millisecond of a seat-zone calendar day (`YYYY-MM-DD`), as UTC ms. */
export function seatDayStart(day: string): number | undefined {
  const d = parseDay(day);
  return d ? Date.UTC(d[0], d[1], d[2]) - SEAT_OFFSET_MS : undefined;
}

/** Last millisecond of a seat-zone calendar day, as UTC ms. */
export function seatDayEnd(day: string): number | undefined {
  const start = seatDayStart(day);
  return start === undefined ? undefined : start + 24 * 60 * 60 * 1000 - 1;
}

/** The short form of a vault id people read aloud and write in the ledger. */
export function shortVaultId(vaultId: string | null): string {
  return vaultId ? vaultId.slice(0, 8) : '—';
}
