/**
 * Phone numbers (collection-rules.md): a mobile is `^1[3-9]\d{9}$` once `+86` or `0086` is
 * stripped; a landline is an area code (0 and 2–3 digits) and 7–8 digits, with an optional
 * hyphen. Both are stored without separators, so a search finds them however they were typed.
 */

export type PhoneKind = 'mobile' | 'landline';
export type PhoneCheck = { ok: true; value: string; kind: PhoneKind } | { ok: false; problem: 'format' };

export function checkPhone(raw: string): PhoneCheck {
  const compact = raw.trim().replace(/[\s()-]/g, '');
  const national = compact.replace(/^(?:\+86|0086)/, '');
  if (/^1[3-9]\d{9}$/.test(national)) return { ok: true, value: national, kind: 'mobile' };
  if (/^0\d{2,3}\d{7,8}$/.test(national) && national.length <= 12)
    return { ok: true, value: national, kind: 'landline' };
  return { ok: false, problem: 'format' };
}

/** A mobile only (the debtor's 手机号 column). */
export function checkMobile(raw: string): PhoneCheck {
  const phone = checkPhone(raw);
  return phone.ok && phone.kind === 'mobile' ? phone : { ok: false, problem: 'format' };
}
