/** Yuan as typed (`1200`, `1200.5`, `1,200.50`) to fen, digit by digit (no floating point); null if not an amount. */
export function yuanToFen(text: string): number | null {
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  const fen = Number(`${m[1]!.replace(/,/g, '')}${(m[2] ?? '').padEnd(2, '0')}`);
  return fen > 0 && Number.isSafeInteger(fen) ? fen : null;
}
