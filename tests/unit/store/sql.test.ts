import { describe, expect, it } from 'vitest';
import { joinSql, sql } from '../../../electron/core/store/sql';

describe('sql tagged template', () => {
  it('binds every interpolation as a parameter', () => {
    const name = "x'); DROP TABLE accounts; --";
    const q = sql`SELECT * FROM accounts WHERE username = ${name} AND id > ${3}`;
    expect(q.text).toBe('SELECT * FROM accounts WHERE username = ? AND id > ?');
    expect(q.values).toEqual([name, 3]);
  });

  it('nests fragments and joins rows keeping their parameters in order', () => {
    const rows = [sql`(${1}, ${'a'})`, sql`(${2}, ${'b'})`];
    const q = sql`INSERT INTO t VALUES ${joinSql(rows, ', ')} RETURNING ${'x'}`;
    expect(q.text).toBe('INSERT INTO t VALUES (?, ?), (?, ?) RETURNING ?');
    expect(q.values).toEqual([1, 'a', 2, 'b', 'x']);
  });
});
