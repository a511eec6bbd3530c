/**
 * Dates in a delivery: `2026-11-01`, `2026/11/1`, `20261101`, `2026年11月1日`, or a spreadsheet's
 * day number (days since 1899-12-30, as Excel counts in its 1900 date system). Stored as
 * `YYYY-MM-DD`: a calendar day, no time, no zone.
 */

export type DateCheck = { ok: true; value: string } | { ok: false; problem: 'format' };

const pad = (n: number): string => String(n).padStart(2, '0');

function isoDay(y: number, m: number, d: number): DateCheck {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || y > 2199 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return { ok: false, problem: 'format' };
  return { ok: true, value: `${y}-${pad(m)}-${pad(d)}` };
}

/** `serial`: the cell held a number (an XLSX date cell), read as a spreadsheet day number. */
export function parseCaseDate(raw: string, serial = false): DateCheck {
  const text = raw.trim();
  if (serial && /^\d{1,5}(?:\.\d+)?$/.test(text)) {
    const day = Math.floor(Number(text));
    // 1900-01-01 (day 1) to 2199-12-31; day 60 is Excel's phantom 1900-02-29.
    if (day < 61 || day > 109_572) return { ok: false, problem: 'format' };
    const date = new Date(Date.UTC(1899, 11, 30) + day * 86_400_000);
    return isoDay(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
  }
  const parts =
    /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text) ??
    /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(text) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!parts) return { ok: false, problem: 'format' };
  return isoDay(Number(parts[1]), Number(parts[2]), Number(parts[3]));
}
