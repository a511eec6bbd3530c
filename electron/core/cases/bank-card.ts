/**
 * Bank card numbers (collection-rules.md): 13–19 digits (UnionPay 16–19). A failed Luhn check
 * only warns: UnionPay numbers don't always satisfy it.
 */

export type CardCheck = { ok: true; value: string; luhn: boolean } | { ok: false; problem: 'format' };

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Spaces and hyphens between groups, as cards are printed, are dropped. */
export function checkCardNumber(raw: string): CardCheck {
  const value = raw.trim().replace(/[ -]/g, '');
  if (!/^\d{13,19}$/.test(value)) return { ok: false, problem: 'format' };
  return { ok: true, value, luhn: luhnValid(value) };
}
