/**
 * Forward-only migrations, each version in its own transaction; a database from a newer app is
 * refused untouched. SQLite keeps the version in `PRAGMA user_version`; PostgreSQL in
 * `schema_info` with a compat version (docs/floor-mode.md, "Upgrades"), changed by one migrator
 * at a time under an advisory lock.
 */
import { fail } from '../errors';
import { MIGRATIONS, type Migration } from './schema';
import { rawSql, sql } from './sql';
import type { Queryable, Store } from './store';

/** Named lock every PostgreSQL migrator takes; clients reading the version don't need it. */
export const MIGRATION_LOCK = 'strongroom.migrate';

export interface SchemaState {
  version: number;
  /** The oldest client schema that may still run against this database (PostgreSQL). */
  compat: number;
}

export async function schemaState(db: Queryable): Promise<SchemaState> {
  if (db.dialect.kind === 'sqlite') {
    const row = await db.get<{ user_version: number }>(sql`PRAGMA user_version`);
    const version = row?.user_version ?? 0;
    return { version, compat: version };
  }
  const exists = await db.get<{ t: string | null }>(sql`SELECT to_regclass('schema_info')::text AS t`);
  if (!exists?.t) return { version: 0, compat: 0 };
  const row = await db.get<SchemaState>(sql`SELECT version, compat FROM schema_info`);
  return row ?? { version: 0, compat: 0 };
}

export async function schemaVersion(db: Queryable): Promise<number> {
  return (await schemaState(db)).version;
}

const latestOf = (migrations: readonly Migration[]): number => migrations[migrations.length - 1]?.version ?? 0;

/** Checked before anything is written, so a newer database is left exactly as it was. */
export async function assertNotFromFuture(db: Queryable, migrations: readonly Migration[] = MIGRATIONS): Promise<void> {
  const latest = latestOf(migrations);
  const { version, compat } = await schemaState(db);
  // On SQLite compat = version; a floor may be newer as long as its compat still admits us.
  if (version > latest && compat > latest) fail('INPUT_REJECTED', 'vault.tooNew', { version, supported: latest });
}

/**
 * A seat's check before it works on a floor: the database must be at least this client's
 * schema (seats can't migrate; IT runs `strongroom floor migrate`) and admit this client.
 */
export async function assertRunnable(db: Queryable, migrations: readonly Migration[] = MIGRATIONS): Promise<void> {
  await assertNotFromFuture(db, migrations);
  const { version } = await schemaState(db);
  const latest = latestOf(migrations);
  if (version < latest) fail('INPUT_REJECTED', 'floor.needsMigration', { version, supported: latest });
}

function compatAfter(m: Migration, previous: number): number {
  return Math.max(previous, m.compat ?? m.version);
}

export interface MigrateOptions {
  /**
   * A floor's roles (docs/floor-schema.md): PostgreSQL texts grant to them as `{{owner}}` and
   * `{{seats}}`, which become quoted identifiers. Without them such a text is refused.
   */
  roles?: { owner: string; seats: string };
}

const ROLE_TOKEN = /\{\{(\w*)\}\}/g;
const PLAIN_ROLE = /^[a-z_][a-z0-9_]{0,62}$/;

/** A step's PostgreSQL text with its role tokens filled in (SQLite texts never have any). */
export function postgresText(m: Migration, roles?: MigrateOptions['roles']): string {
  return m.postgres.replace(ROLE_TOKEN, (_token, name: string) => {
    if (name !== 'owner' && name !== 'seats') throw new Error(`migration ${m.name}: unknown token {{${name}}}`);
    if (!roles) throw new Error(`migration ${m.name} grants to the floor's roles: migrate it with them`);
    const role = roles[name];
    // Refused rather than escaped: our role names are plain identifiers (electron/core/floor/floor-roles.ts).
    if (!PLAIN_ROLE.test(role)) throw new RangeError('not a plain identifier');
    return `"${role}"`;
  });
}

export async function migrate(
  db: Store,
  migrations: readonly Migration[] = MIGRATIONS,
  options: MigrateOptions = {},
): Promise<number> {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} is out of order`);
  });
  await assertNotFromFuture(db, migrations);
  // Every pending PostgreSQL text is filled in (or refused) before anything is written.
  const postgres = new Map<number, string>();
  if (db.kind === 'postgres') {
    const from = (await schemaState(db)).version;
    for (const m of migrations) if (m.version > from) postgres.set(m.version, postgresText(m, options.roles));
    await db.transaction((tx) => tx.exec(SCHEMA_INFO), { locks: [MIGRATION_LOCK] });
  }
  let current = (await schemaState(db)).version;
  for (const m of migrations) {
    if (m.version <= current) continue;
    await db.transaction(
      async (tx) => {
        // Another migrator may have applied it while this one waited for the lock.
        const state = await schemaState(tx);
        if (state.version >= m.version) return;
        if (state.version !== m.version - 1) throw new Error(`migration ${m.name} is out of order`);
        if (tx.dialect.kind === 'sqlite') {
          await tx.exec(m.up);
          // PRAGMA takes no bound parameters; the version is a checked integer from our own list.
          await tx.run(rawSql(`PRAGMA user_version = ${Math.trunc(m.version)}`));
        } else {
          const text = postgres.get(m.version) ?? postgresText(m, options.roles);
          if (text.trim()) await tx.exec(text);
          await tx.run(sql`UPDATE schema_info SET version = ${m.version}, compat = ${compatAfter(m, state.compat)}`);
        }
      },
      { locks: [MIGRATION_LOCK] },
    );
    current = m.version;
  }
  return current;
}

/** PostgreSQL's version row, created before the first step (idempotent; one row only). */
const SCHEMA_INFO = `
  CREATE TABLE IF NOT EXISTS schema_info (
    only_row integer PRIMARY KEY DEFAULT 1 CHECK (only_row = 1),
    version  integer NOT NULL CHECK (version >= 0),
    compat   integer NOT NULL CHECK (compat >= 0)
  );
  INSERT INTO schema_info (version, compat) VALUES (0, 0) ON CONFLICT DO NOTHING;
`;
