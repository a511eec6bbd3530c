/**
 * 居民身份证号码 (GB 11643-1999): 17 digits and an ISO 7064 MOD 11-2 check character
 * (collection-rules.md, "Validation"). Legacy 15-digit numbers are upgraded by inserting the
 * century `19` and computing the check character.
 */

/** The first two digits of every province-level region GB/T 2260 has assigned. */
const PROVINCES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
  '83',
]);

export type IdNumberProblem =
  /** Not 15 or 18 characters of digits (and a final X). */
  | 'format'
  /** The check character does not match: mistyped, or digits lost to a spreadsheet. */
  | 'checkDigit'
  /** No such date, or a date in the future. */
  | 'birthDate'
  /** Written as a number by a spreadsheet (1.10101E+17): its last digits are gone. */
  | 'spreadsheetNumber';

export type IdNumberCheck =
  { ok: true; value: string; upgraded: boolean; unknownRegion: boolean } | { ok: false; problem: IdNumberProblem };

/** Each position's weight: 2^(17−i) mod 11. */
const WEIGHTS = Array.from({ length: 17 }, (_, i) => 2 ** (17 - i) % 11);

/** The check character of 17 digits: Σ digit × weight mod 11, then (12 − Σ) mod 11, 10 → X. */
export function idCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += (first17.charCodeAt(i) - 0x30) * WEIGHTS[i]!;
  const check = (12 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

function realDate(yyyymmdd: string, today: Date): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  return y >= 1900 && date.getTime() <= today.getTime();
}

/** `today`: the vault's date, so a birth date can't be in the future. */
export function checkIdNumber(raw: string, today: Date): IdNumberCheck {
  const text = raw.trim().toUpperCase();
  if (/^\d(?:\.\d+)?E\+\d+$/.test(text)) return { ok: false, problem: 'spreadsheetNumber' };
  let value: string;
  let upgraded = false;
  if (/^\d{17}[\dX]$/.test(text)) value = text;
  else if (/^\d{15}$/.test(text)) {
    const first17 = `${text.slice(0, 6)}19${text.slice(6)}`;
    value = first17 + idCheckCharacter(first17);
    upgraded = true;
  } else return { ok: false, problem: 'format' };
  if (!realDate(value.slice(6, 14), today)) return { ok: false, problem: 'birthDate' };
  if (idCheckCharacter(value.slice(0, 17)) !== value[17]) return { ok: false, problem: 'checkDigit' };
  return { ok: true, value, upgraded, unknownRegion: !PROVINCES.has(value.slice(0, 2)) };
}
