/** CSV cells and rows (shared/csv.ts): RFC 4180 quoting that round-trips, and no cell a spreadsheet runs. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from '../../../shared/csv';

const FORMULA_START = ['=', '+', '-', '@', '\t', '\r'];

function bad(why: string): never {
  throw new Error(`not RFC 4180: ${why}`);
}

/** A strict RFC 4180 reader for one CRLF-terminated record (the test's own, independent of csv.ts). */
function readRecord(text: string): string[] {
  if (!text.endsWith('\r\n')) bad('no CRLF');
  const body = text.slice(0, -2);
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    let cell = '';
    if (body[i] === '"') {
      i += 1;
      for (;;) {
        const q = body.indexOf('"', i);
        if (q < 0) bad('unclosed quote');
        cell += body.slice(i, q);
        if (body[q + 1] === '"') {
          cell += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
    } else {
      const end = body.indexOf(',', i);
      cell = body.slice(i, end < 0 ? body.length : end);
      if (/["\r\n]/.test(cell)) bad('quote or line break in an unquoted cell');
      i = end < 0 ? body.length : end;
    }
    cells.push(cell);
    if (i >= body.length) return cells;
    if (body[i] !== ',') bad('text after a closing quote');
    i += 1;
  }
}

/** What a cell is read back as: the text, with an apostrophe in front when it could start a formula. */
function expected(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return FORMULA_START.includes(text[0] ?? '') ? `'${text}` : text;
}

const cellValue = fc.oneof(
  fc.string({ unit: 'grapheme-composite' }),
  fc.string({ unit: fc.constantFrom('"', ',', '\r', '\n', '=', '+', '-', '@', '\t', 'a', '1', ' ') }),
  fc.integer(),
  fc.constant(null),
);

describe('csv cells and rows', () => {
  it('read back as the value (apostrophe-guarded when it could start a formula)', () => {
    fc.assert(
      fc.property(fc.array(cellValue, { minLength: 1, maxLength: 8 }), (cells) => {
        expect(readRecord(csvRow(cells))).toEqual(cells.map(expected));
      }),
    );
  });

  it('never hand a spreadsheet a cell that starts with a formula character', () => {
    fc.assert(
      fc.property(cellValue, (value) => {
        const read = readRecord(`${csvCell(value)}\r\n`)[0]!;
        expect(FORMULA_START.includes(read[0] ?? '')).toBe(false);
      }),
    );
  });

  it('quote exactly the cells that hold a quote, comma or line break', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const guarded = expected(text);
        expect(csvCell(text).startsWith('"')).toBe(/[",\r\n]/.test(guarded));
      }),
    );
  });

  it('defuse the classic injections', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell(null)).toBe('');
    expect(csvCell(42)).toBe('42');
  });
});
