import { describe, expect, it } from 'vitest';
import { joinSql, rawSql, sql } from '../../../electron/core/store/sql';

describe('sql tagged template', () => {
  it('binds every interpolation as a parameter', () => {
    const name = "x'); DROP TABLE accounts; --";
    const q = sql`SELECT * FROM accounts WHERE username = ${name} AND id > ${3}`;
    expect(q.render('question')).toBe('SELECT * FROM accounts WHERE username = ? AND id > ?');
    expect(q.render('dollar')).toBe('SELECT * FROM accounts WHERE username = $1 AND id > $2');
    expect(q.values).toEqual([name, 3]);
  });

  it('nests fragments and joins rows keeping their parameters in order', () => {
    const rows = [sql`(${1}, ${'a'})`, sql`(${2}, ${'b'})`];
    const q = sql`INSERT INTO t VALUES ${joinSql(rows, ', ')} RETURNING ${'x'}`;
    expect(q.render('question')).toBe('INSERT INTO t VALUES (?, ?), (?, ?) RETURNING ?');
    expect(q.render('dollar')).toBe('INSERT INTO t VALUES ($1, $2), ($3, $4) RETURNING $5');
    expect(q.values).toEqual([1, 'a', 2, 'b', 'x']);
  });

  it('keeps a literal question mark (a jsonb operator on PostgreSQL) out of the numbering', () => {
    const q = sql`SELECT detail::jsonb ? 'approver' AS has, ${7} AS n`;
    expect(q.render('dollar')).toBe("SELECT detail::jsonb ? 'approver' AS has, $1 AS n");
  });

  it('nests a fragment with no values, an empty fragment and raw text', () => {
    const empty = sql``;
    const q = sql`SELECT ${rawSql('1')}${empty} WHERE a = ${'x'}${sql` AND b = ${2}`}`;
    expect(q.render('dollar')).toBe('SELECT 1 WHERE a = $1 AND b = $2');
    expect(q.values).toEqual(['x', 2]);
    expect(joinSql([], ', ').render('dollar')).toBe('');
  });
});
