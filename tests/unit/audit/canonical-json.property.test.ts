/**
 * Properties of canonicalJson (electron/core/audit/chain.ts): the stored `detail` of every event.
 *
 * Its contract: JSON.stringify of the value with object keys re-inserted in sorted order at every
 * level. So it inherits JSON.stringify's rules (undefined members dropped, undefined array items,
 * NaN and ±Infinity written as null, -0 as 0, C0 controls and lone surrogates escaped) and sorts
 * keys with Array.prototype.sort (UTF-16 code units), except that a rebuilt JavaScript object
 * always lists array-index keys ("0", "7", "10") first, in numeric order.
 *
 * AuditLog.verify splits SQLite's page blob on the byte '\n', so no raw newline (or other control
 * character) may ever appear in the text; the chain hashes its UTF-8 bytes, so it must be
 * well-formed UTF-16 (a lone surrogate would become U+FFFD and collide).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../electron/core/audit/chain';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * fast-check's JSON values, with any string (control characters, lone surrogates) as keys and
 * values. Two things are taken out, each pinned by its own example below: -0, which JSON has no
 * way to write (it comes back as 0), and the key "__proto__" (assigning it here would hit the prototype setter).
 */
function jsonSafe(value: unknown): Json {
  if (Object.is(value, -0)) return 0;
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const [key, v] of Object.entries(value)) if (key !== '__proto__') out[key] = jsonSafe(v);
    return out;
  }
  return value as Json;
}
/** One character of a key or string: any code point, weighted towards the awkward ones. */
const awkwardUnit = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.integer({ min: 0x00, max: 0x1f }).map((c) => String.fromCharCode(c)), // C0 controls, '\n' among them
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), // surrogate halves
  fc.constantFrom('"', '\\', '/', '\u007f', '\u2028', '\u2029', '\ufeff', '😀'),
);
const jsonValue = fc.jsonValue({ stringUnit: awkwardUnit }).map(jsonSafe);

/** A detail as callers pass it: an object of anything, including undefined, NaN and -0. */
const anyDetail = fc.object({ stringUnit: awkwardUnit });

/** The same value with every object's keys inserted in a shuffled order. */
function reordered(value: unknown, random: () => number): unknown {
  if (Array.isArray(value)) return value.map((v) => reordered(v, random));
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    for (let i = entries.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [entries[i], entries[j]] = [entries[j]!, entries[i]!];
    }
    const out: Record<string, unknown> = {};
    for (const [key, v] of entries)
      Object.defineProperty(out, key, {
        value: reordered(v, random),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return out;
  }
  return value;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An independent writer of the documented form: keys sorted by UTF-16 code units at every level. */
function reference(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${keys.map((k) => `${JSON.stringify(k)}:${reference(value[k]!)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const ARRAY_INDEX = /^(0|[1-9][0-9]*)$/;
function hasArrayIndexKey(value: Json): boolean {
  if (Array.isArray(value)) return value.some(hasArrayIndexKey);
  if (value !== null && typeof value === 'object')
    return Object.entries(value).some(([key, v]) => ARRAY_INDEX.test(key) || hasArrayIndexKey(v));
  return false;
}

function controlCharacters(text: string): number[] {
  return [...text].map((c) => c.codePointAt(0)!).filter((code) => code < 0x20);
}

describe('canonicalJson properties', () => {
  it('writes valid JSON that parses back deep-equal to any JSON value', () => {
    fc.assert(
      fc.property(jsonValue, (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(value);
      }),
    );
  });

  it('gives the same text whatever order the keys were inserted in', () => {
    fc.assert(
      fc.property(anyDetail, fc.integer(), (value, seed) => {
        expect(canonicalJson(reordered(value, mulberry32(seed)))).toBe(canonicalJson(value));
      }),
    );
  });

  it('sorts keys by UTF-16 code units at every level (keys that are not array indices)', () => {
    fc.assert(
      fc.property(
        jsonValue.filter((v) => !hasArrayIndexKey(v)),
        (value) => {
          expect(canonicalJson(value)).toBe(reference(value));
        },
      ),
    );
  });

  it('never writes a raw control character or newline, and is always well-formed UTF-16', () => {
    fc.assert(
      fc.property(anyDetail, (value) => {
        const text = canonicalJson(value);
        expect(controlCharacters(text)).toEqual([]);
        expect(Buffer.from(text, 'utf8').includes(0x0a)).toBe(false);
        expect(text.isWellFormed()).toBe(true);
      }),
    );
  });

  it('gives byte-identical output for equal inputs', () => {
    fc.assert(
      fc.property(fc.clone(anyDetail, 2), ([a, b]) => {
        expect(Buffer.from(canonicalJson(a), 'utf8').equals(Buffer.from(canonicalJson(b), 'utf8'))).toBe(true);
      }),
    );
  });
});

describe('canonicalJson edge cases (JSON.stringify’s rules, keys sorted)', () => {
  it('drops undefined members and writes undefined array items as null', () => {
    expect(canonicalJson({ b: undefined, a: [undefined, 1] })).toBe('{"a":[null,1]}');
  });

  it('writes -0 as 0 and NaN and ±Infinity as null', () => {
    expect(canonicalJson({ z: -0, n: NaN, p: Infinity, m: -Infinity })).toBe('{"m":null,"n":null,"p":null,"z":0}');
  });

  it('escapes C0 control characters and lone surrogates in keys and values', () => {
    expect(canonicalJson({ 'k\n': 'a\u0000b\tc\u001f', s: '\ud800x\udfff' })).toBe(
      '{"k\\n":"a\\u0000b\\tc\\u001f","s":"\\ud800x\\udfff"}',
    );
  });

  it('puts array-index keys first in numeric order, as JavaScript objects list them', () => {
    expect(canonicalJson({ b: 1, 10: 2, a: 3, 9: 4, '09': 5 })).toBe('{"9":4,"10":2,"09":5,"a":3,"b":1}');
  });

  it('keeps an own "__proto__" key (not assigned through the prototype setter)', () => {
    const value = JSON.parse('{"b":1,"__proto__":{"x":2}}') as unknown;
    expect(canonicalJson(value)).toBe('{"__proto__":{"x":2},"b":1}');
  });
});
