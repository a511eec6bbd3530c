/**
 * Amounts (glossary: exact decimals in fen, never floats). A delivery writes yuan as text:
 * `80028.78`, `12,345.6`, `¥1,000`. Parsed digit by digit; no floating point on the way.
 */

export type AmountProblem = 'format' | 'negative' | 'precision' | 'tooLarge';
export type AmountCheck = { ok: true; fen: number } | { ok: false; problem: AmountProblem };

/** ¥ 9,000,000,000,000.00: far above any case, far below 2^53 fen. */
const MAX_FEN = 900_000_000_000_000;

/** How most deliveries write an amount: digits, maybe a point and one or two decimals. */
const PLAIN = /^(\d{1,13})(?:\.(\d{1,2}))?$/;

export function parseYuan(raw: string): AmountCheck {
  // The common form at once (an import reads 100,000 amounts twice); integers only, exact.
  const plain = PLAIN.exec(raw);
  if (plain) {
    const fen = Number(plain[1]) * 100 + Number((plain[2] ?? '').padEnd(2, '0'));
    if (fen <= MAX_FEN) return { ok: true, fen };
  }
  let text = raw
    .trim()
    .replace(/^[¥￥]\s*/, '')
    .replace(/^RMB\s*/i, '')
    .replace(/元$/, '');
  if (text.startsWith('-')) {
    const magnitude = parseYuan(text.slice(1));
    return magnitude.ok && magnitude.fen > 0 ? { ok: false, problem: 'negative' } : magnitude;
  }
  text = text.replace(/^\+/, '');
  // Thousands separators only in groups of three, as a spreadsheet writes them.
  if (!/^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?$|^\.\d+$/.test(text)) return { ok: false, problem: 'format' };
  const [whole = '', fraction = ''] = text.replace(/,/g, '').split('.');
  const cents = fraction.replace(/0+$/, '');
  if (cents.length > 2) return { ok: false, problem: 'precision' };
  const digits = `${whole || '0'}${cents.padEnd(2, '0')}`.replace(/^0+(?=\d)/, '');
  if (digits.length > 16 || Number(digits) > MAX_FEN) return { ok: false, problem: 'tooLarge' };
  return { ok: true, fen: Number(digits) };
}

export { formatFen } from '../../../shared/money';
