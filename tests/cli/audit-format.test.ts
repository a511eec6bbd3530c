/** Access-log export lines (JSON Lines, CSV) and stdin lines split the documented way. */
import { describe, expect, it } from 'vitest';
import { csvEvent, jsonlEvent } from '../../electron/cli/audit-format';
import { stdinLines } from '../../electron/cli/secrets';
import { messageFor } from '../../electron/cli/messages';

describe('access-log export lines', () => {
  it('renders an event as one CRLF row with UTC time and JSON detail', () => {
    const event = {
      seq: 7,
      at: Date.UTC(2026, 0, 2, 3, 4, 5),
      actor: '=evil',
      seat: 'AB-CD',
      action: 'x.y',
      object: null,
      outcome: 'ok' as const,
      detail: { a: 1 },
    };
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
