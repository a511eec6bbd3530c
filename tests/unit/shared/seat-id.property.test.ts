/** Seat ids (shared/seat-id.ts): one parser for every door, case- and space-tolerant, nothing else let in. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SeatIdSchema } from '../../../shared/contract';
import { normaliseSeatId } from '../../../shared/seat-id';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const group = fc.string({ unit: fc.constantFrom(...CROCKFORD), minLength: 4, maxLength: 4 });
const seatId = fc.tuple(group, group, group).map((g) => g.join('-'));
const space = fc.string({ unit: fc.constantFrom(' ', '\t', '\n'), maxLength: 3 });

describe('seat id parsing', () => {
  it('accepts any canonical id typed in any case with surrounding spaces, and gives it back canonical', () => {
    fc.assert(
      fc.property(seatId, space, space, fc.boolean(), (id, before, after, lower) => {
        const typed = `${before}${lower ? id.toLowerCase() : id}${after}`;
        expect(normaliseSeatId(typed)).toBe(id);
        expect(SeatIdSchema.parse(typed)).toBe(id);
      }),
    );
  });

  it('is idempotent, and the contract agrees with it on every string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), seatId), (text) => {
        const once = normaliseSeatId(text);
        expect(once === null ? null : normaliseSeatId(once)).toBe(once);
        expect(SeatIdSchema.safeParse(text).success).toBe(once !== null);
      }),
    );
  });

  it('refuses the letters Crockford leaves out, wrong lengths and other separators', () => {
    fc.assert(
      fc.property(seatId, fc.nat(13), fc.constantFrom('I', 'L', 'O', 'U', '_', '.'), (id, at, bad) => {
        const pos = at === 4 || at === 9 ? at + 1 : at;
        expect(normaliseSeatId(`${id.slice(0, pos)}${bad}${id.slice(pos + 1)}`)).toBeNull();
      }),
    );
    for (const text of ['', 'ABCD-EFGH-JKM', 'ABCD-EFGH-JKMNP', 'ABCDEFGHJKMN', 'ABCD EFGH JKMN'])
      expect(normaliseSeatId(text)).toBeNull();
  });
});
