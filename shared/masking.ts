/**
 * Masking of free text (collection-rules.md): card, ID and phone patterns found in text a user
 * typed are masked before the text is stored in a log or shown outside its owner's screen.
 */

/** A run of digits, allowing single spaces or hyphens between groups (as people type numbers). */
const DIGIT_RUN = /(?<![\dA-Za-z])\d(?:[ -]?\d){6,22}(?:[ -]?[Xx])?(?![\dA-Za-z])/g;

const stars = (n: number): string => '*'.repeat(Math.max(0, n));

function maskRun(run: string): string {
  const raw = run.replace(/[ -]/g, '');
  const digits = raw.toUpperCase();
  // 身份证: 17 digits and a check digit or X — first 1, last 3.
  if (/^\d{17}[\dX]$/.test(digits)) return `${digits.slice(0, 1)}${stars(14)}${digits.slice(-3)}`;
  // Bank card: 13 to 19 digits — first 6, last 4.
  if (/^\d{13,19}$/.test(digits)) return `${digits.slice(0, 6)}${stars(digits.length - 10)}${digits.slice(-4)}`;
  // Mobile: 1[3-9] and 9 more digits (an optional 86 prefix) — 138****5678.
  const mobile = /^(?:86)?(1[3-9]\d{9})$/.exec(digits);
  if (mobile) return `${mobile[1]!.slice(0, 3)}****${mobile[1]!.slice(-4)}`;
  // Landline with area code: 0 + 2–3 digits, then 7–8 digits — area code and last 2.
  const landline = /^(0\d{2,3})(\d{7,8})$/.exec(digits);
  if (landline) return `${landline[1]}${stars(landline[2]!.length - 2)}${landline[2]!.slice(-2)}`;
  // Any other long run of digits is masked whole but its last 2: it may be a number we can't name.
  if (digits.length >= 9) return `${stars(digits.length - 2)}${digits.slice(-2)}`;
  return run;
}

export function maskFreeText(text: string): string {
  return text.replace(DIGIT_RUN, maskRun);
}
