/** --database-url: libpq's URL shape, a Unix socket as ?host=/dir, and nothing else a driver would half-honour. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VaultError } from '../../electron/core/errors';
import { parseDatabaseUrl } from '../../electron/cli/database-url';

describe('--database-url', () => {
  it('reads user, password, host, port and database', () => {
    expect(parseDatabaseUrl('postgres://strongroom_dba@db.floor.lan:5433/floor1')).toEqual({
      user: 'strongroom_dba',
      password: undefined,
      host: 'db.floor.lan',
      port: 5433,
      database: 'floor1',
      socket: false,
    });
    expect(parseDatabaseUrl('postgresql://dba:p%40ss%3Aw@10.1.2.3/floor1')).toMatchObject({
      password: 'p@ss:w',
      host: '10.1.2.3',
      port: 5432,
    });
    expect(parseDatabaseUrl('postgres://dba:a:b@h/f').password).toBe('a:b');
    expect(parseDatabaseUrl('postgres://dba@[fd00::5]:6543/f')).toMatchObject({ host: 'fd00::5', port: 6543 });
  });

  it('takes a Unix socket as ?host=/dir or a host starting with /', () => {
    for (const url of [
      'postgres://dba@/floor1?host=/var/run/postgresql',
      'postgres://dba@localhost:5432/floor1?host=/var/run/postgresql',
      'postgres://dba@%2Fvar%2Frun%2Fpostgresql/floor1',
    ])
      expect(parseDatabaseUrl(url), url).toMatchObject({
        host: '/var/run/postgresql',
        socket: true,
        database: 'floor1',
      });
    expect(parseDatabaseUrl('postgres://dba@/f?host=/s&port=6000')).toMatchObject({ host: '/s', port: 6000 });
  });

  it('refuses sslmode and every other parameter, and anything it would have to guess at', () => {
    for (const url of [
      'postgres://dba@h/f?sslmode=disable',
      'postgres://dba@h/f?sslmode=require',
      'postgres://dba@h/f?sslrootcert=/x',
      'postgres://dba@h/f?options=-c%20search_path%3Dpublic',
      'postgres://dba@h/f?host=/a&host=/b',
      'postgres://dba@h/f?host',
      'postgres://dba@h/f#x',
      'postgres://dba@h/f?a?b',
      'http://dba@h/f',
      'dba@h/f',
      'postgres://h/f',
      'postgres://@h/f',
      'postgres://dba@h',
      'postgres://dba@h/',
      'postgres://dba@/f',
      'postgres://dba@h1,h2/f',
      'postgres://dba@::1/f',
      'postgres://dba@h:0/f',
      'postgres://dba@h:70000/f',
      'postgres://dba@h:x/f',
      'postgres://dba@h/a/b',
      'postgres://dba@h/f%ZZ',
      'postgres://dba@h /f',
    ])
      expect(() => parseDatabaseUrl(url), url).toThrow(
        expect.objectContaining({ code: 'USAGE', key: 'usage.databaseUrl' }),
      );
  });

  it('never echoes the URL, so a password in it stays out of the error line', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (password) => {
        const good = `postgres://dba:${encodeURIComponent(password)}@h/f`;
        expect(parseDatabaseUrl(good).password).toBe(password);
        try {
          parseDatabaseUrl(`${good}?sslmode=${encodeURIComponent(password)}`);
        } catch (err) {
          expect(err).toBeInstanceOf(VaultError);
          expect((err as VaultError).params).toBeUndefined();
          return;
        }
        throw new Error('not refused');
      }),
    );
  });
});
