/**
 * The masked forms stored beside each sealed PII value (collection-rules.md, "Masking": the
 * list/export/QC form). Made here, in the core, so no full value has to leave it to be masked.
 */

const stars = (n: number): string => '*'.repeat(Math.max(0, n));

/** 身份证: first 1, last 3. */
export function maskIdNumber(value: string): string {
  return `${value.slice(0, 1)}${stars(value.length - 4)}${value.slice(-3)}`;
}

/** Bank card: first 6, last 4. */
export function maskCardNumber(value: string): string {
  return `${value.slice(0, 6)}${stars(value.length - 10)}${value.slice(-4)}`;
}

/** Mobile `138****5678`; landline area code and last 2 (`0915*****79`). */
export function maskPhone(value: string): string {
  if (/^1\d{10}$/.test(value)) return `${value.slice(0, 3)}****${value.slice(-4)}`;
  const area = /^(0(?:10|2\d|\d{3}))(\d+)$/.exec(value);
  if (area) return `${area[1]}${stars(area[2]!.length - 2)}${area[2]!.slice(-2)}`;
  return `${stars(value.length - 2)}${value.slice(-2)}`;
}

/** A person's name: the first character (the surname, mostly), then one star per character. */
export function maskName(value: string): string {
  const chars = [...value.trim()];
  if (chars.length === 0) return '';
  return `${chars[0]}${stars(Math.max(1, chars.length - 1))}`;
}

/** An employer: its first two characters. */
export function maskEmployer(value: string): string {
  const chars = [...value.trim()];
  return chars.length <= 2 ? stars(chars.length) : `${chars.slice(0, 2).join('')}***`;
}

/**
 * An address to its district (区, 县, 旗, or a county-level 市 after a prefecture): what a list
 * may show. An address that is no more than its district is cut to its city, so the mask never
 * is the whole address. Without a district in the first 20 characters, only the first 3 are kept.
 */
export function maskAddress(value: string): string {
  const text = value.trim();
  const head = text.slice(0, 20);
  // 自治区 and 特别行政区 are provinces, not districts: skip past them.
  const province = /^(?:.+?(?:自治区|特别行政区|省))?/.exec(head)![0];
  const rest = head.slice(province.length);
  const district = /^(?:.+?(?:市|自治州|地区|盟))?.+?(?:区|县|旗)/.exec(rest) ?? /^.+?市.+?市/.exec(rest);
  let kept = district ? province + district[0] : [...text].slice(0, 3).join('');
  if (kept.length >= text.length) {
    const city = /^(?:.+?(?:市|自治州|地区|盟))/.exec(rest);
    kept =
      city && province.length + city[0].length < text.length
        ? province + city[0]
        : province || [...text].slice(0, 2).join('');
  }
  return `${kept}***`;
}
