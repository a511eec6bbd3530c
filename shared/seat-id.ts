/** 席位号 — the seat id's one shape (XXXX-XXXX-XXXX, Crockford base 32), as `seat id` prints it. */
export const SEAT_ID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/** The seat id as typed (any case, surrounding spaces) in its canonical form, or null if it isn't one. */
export function normaliseSeatId(raw: string): string | null {
  const id = raw.trim().toUpperCase();
  return SEAT_ID_PATTERN.test(id) ? id : null;
}
