/** CSV cells are formula-safe and RFC 4180 quoted; stdin lines split the documented way. */
import { describe, expect, it } from 'vitest';
import { csvEvent, jsonlEvent } from '../../electron/cli/audit-format';
import { csvCell } from '../../shared/csv';
import { stdinLines } from '../../electron/cli/secrets';
import { messageFor } from '../../electron/cli/messages';

describe('csv cells', () => {
  it.each(['=1+2', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])('defuses a cell starting with %j', (text) => {
    expect(csvCell(text).replace(/^"|"$/g, '').startsWith(`'${text[0]}`)).toBe(true);
  });

  it('quotes commas, quotes and line breaks, and leaves plain text alone', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(null)).toBe('');
    expect(csvCell(42)).toBe('42');
  });

  it('renders an event as one CRLF row with UTC time and JSON detail', () => {
    const event = { seq: 7, at: Date.UTC(2026, 0, 2, 3, 4, 5), actor: '=evil', seat: 'AB-CD', action: 'x.y', object: null, outcome: 'ok' as const, detail: { a: 1 } };
    expect(csvEvent(event)).toBe(`7,2026-01-02T03:04:05.000Z,'=evil,AB-CD,x.y,,ok,"{""a"":1}"\r\n`);
    expect(JSON.parse(jsonlEvent(event))).toMatchObject({ seq: 7, time: '2026-01-02T03:04:05.000Z', actor: '=evil' });
  });
});

describe('stdin lines', () => {
  it('splits on newlines, strips a trailing CR, and adds no phantom last line', () => {
    expect(stdinLines('')).toEqual([]);
    expect(stdinLines('a\r\nb\r\n')).toEqual(['a', 'b']);
    expect(stdinLines('a\nb')).toEqual(['a', 'b']);
    expect(stdinLines('\n\n')).toEqual(['', '']);
  });
});

describe('messages', () => {
  it('fills params and falls back for unknown keys', () => {
    expect(messageFor('login.locked', { minutes: 30 })).toMatch(/30 more minutes/);
    expect(messageFor('no.such.key')).toBe('failed (no.such.key)');
  });
});
