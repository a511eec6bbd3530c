/**
 * CopyBinary (copy-binary.ts): PostgreSQL's binary COPY format, byte for byte as its manual
 * gives it; a value of the wrong kind for its column is refused, not written.
 */
import { describe, expect, it } from 'vitest';
import { CopyBinary } from '../../../electron/core/store/copy-binary';

describe('binary COPY rows', () => {
  it('are the signature, two zero words, each row as its field count and fields, and -1', () => {
    const copy = new CopyBinary(['text', 'text', 'bytea', 'integer', 'bigint']);
    copy.row([null, '冯a', Buffer.from([1, 2]), 7, 2 ** 40]);
    expect(Buffer.from(copy.finish()).toString('hex')).toBe(
      [
        '5047434f50590aff0d0a00', // PGCOPY\n\377\r\n\0
        '00000000', // flags
        '00000000', // header extension length
        '0005', // five fields
        'ffffffff', // NULL
        '00000004e586af61', // '冯a' in UTF-8
        '000000020102',
        '0000000400000007',
        '000000080000010000000000',
        'ffff', // trailer
      ].join(''),
    );
  });

  it('refuses a row of another width, or a value its column cannot hold', () => {
    const copy = new CopyBinary(['integer', 'bytea']);
    expect(() => copy.row([1])).toThrow('width');
    expect(() => copy.row(['1', Buffer.alloc(1)])).toThrow('for a integer column');
    expect(() => copy.row([2 ** 53, Buffer.alloc(1)])).toThrow();
    expect(() => copy.row([1, 'text'])).toThrow('for a bytea column');
  });
});
