/** Forward-only migrations, each in its own transaction; a vault from a newer app is refused. */
import { fail } from '../errors';
import type { Db } from './db';
import { sql } from './sql';
import { MIGRATIONS, type Migration } from './schema';

export async function schemaVersion(db: Db): Promise<number> {
  const row = await db.get<{ user_version: number }>(sql`PRAGMA user_version`);
  return row?.user_version ?? 0;
}

/** Checked before anything is written, so a newer vault is left exactly as it was. */
export async function assertNotFromFuture(db: Db, migrations: readonly Migration[] = MIGRATIONS): Promise<void> {
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const current = await schemaVersion(db);
  if (current > latest) fail('INPUT_REJECTED', 'vault.tooNew', { version: current, supported: latest });
}

export async function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): Promise<number> {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} is out of order`);
  });
  await assertNotFromFuture(db, migrations);
  let current = await schemaVersion(db);
  for (const m of migrations) {
    if (m.version <= current) continue;
    await db.transaction(async (tx) => {
      await tx.exec(m.up);
      // PRAGMA takes no bound parameters; the version is a checked integer from our own list.
      await tx.exec(`PRAGMA user_version = ${Math.trunc(m.version)}`);
    });
    current = m.version;
  }
  return current;
}
