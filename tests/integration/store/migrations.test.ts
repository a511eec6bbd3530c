import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Db } from '../../../electron/core/store/db';
import { migrate, schemaVersion } from '../../../electron/core/store/migrate';
import { MIGRATIONS } from '../../../electron/core/store/schema';
import { sql } from '../../../electron/core/store/sql';
import { snapshot } from '../../fixtures/files';
import { tempDir } from '../../fixtures/vault';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function freshDb() {
  const { dir, cleanup } = await tempDir();
  cleanups.push(cleanup);
  const key = randomBytes(32);
  const file = path.join(dir, 'vault.db');
  return { dir, file, key, db: await Db.open(file, key, true) };
}

describe('migrations', () => {
  it('brings a new database to the latest version', async () => {
    const { db } = await freshDb();
    expect(await migrate(db)).toBe(MIGRATIONS.length);
    expect(await schemaVersion(db)).toBe(MIGRATIONS.length);
    await db.close();
  });

  it('refuses a vault from a newer app without touching it', async () => {
    const { dir, file, key, db } = await freshDb();
    await migrate(db);
    await db.exec('PRAGMA user_version = 99');
    await db.close();
    const before = await snapshot(dir);
    const again = await Db.open(file, key, false);
    await expect(migrate(again)).rejects.toMatchObject({ code: 'INPUT_REJECTED', key: 'vault.tooNew' });
    await again.close();
    expect(await snapshot(dir)).toEqual(before);
  });

  it('rolls a failing migration back whole', async () => {
    const { db } = await freshDb();
    const broken = [
      ...MIGRATIONS,
      {
        version: MIGRATIONS.length + 1,
        name: 'broken',
        up: 'CREATE TABLE extra (x INTEGER) STRICT; SELECT * FROM missing_table;',
        postgres: 'CREATE TABLE extra (x integer); SELECT * FROM missing_table;',
      },
    ];
    await expect(migrate(db, broken)).rejects.toThrow();
    expect(await schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(await db.get(sql`SELECT name FROM sqlite_master WHERE name = 'extra'`)).toBeUndefined();
    await db.close();
  });

  it('serves the access-log filters from their indexes', async () => {
    const { db } = await freshDb();
    await migrate(db);
    const plan = async (q: ReturnType<typeof sql>) =>
      (await db.all<{ detail: string }>(sql`EXPLAIN QUERY PLAN ${q}`)).map((r) => r.detail).join(' | ');
    expect(await plan(sql`SELECT * FROM audit_events WHERE actor = ${'x'} ORDER BY seq DESC LIMIT 10`)).toMatch(
      /audit_events_actor/,
    );
    expect(await plan(sql`SELECT * FROM audit_events WHERE action = ${'x'} ORDER BY seq DESC LIMIT 10`)).toMatch(
      /audit_events_action/,
    );
    await db.close();
  });

  it('cannot be opened with another key', async () => {
    const { file, db } = await freshDb();
    await migrate(db);
    await db.close();
    await expect(Db.open(file, randomBytes(32), false)).rejects.toMatchObject({ code: 'VAULT_DAMAGED' });
  });
});
