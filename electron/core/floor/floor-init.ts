/**
 * 楼层初始化 — sets a floor up on an empty PostgreSQL database: its roles, the `strongroom`
 * schema, pgcrypto, and the schema itself run as the floor's owner (docs/floor-schema.md);
 * plus the statements a DBA runs to admit one seat.
 */
import { fail } from '../errors';
import { migrate } from '../store/migrate';
import { MIGRATIONS, type Migration } from '../store/schema';
import { sql } from '../store/sql';
import type { Queryable, RunResult, Store, TransactionOptions } from '../store/store';
import type { Sql } from '../store/sql';
import { FLOOR_SCHEMA, floorRoles, quoteIdentifier, type FloorRoles } from './floor-roles';

export { insertFloorInfo, type FloorInfo } from './floor-info';

/** What a floor connection passes the server at startup (PgStore.connect's `options`). */
export const FLOOR_CONNECTION_OPTIONS = `-c search_path=${FLOOR_SCHEMA}`;

/**
 * The same connection pool, but every transaction runs as the floor's owner with the floor's
 * search_path (SET LOCAL, so nothing outlives the transaction on a pooled connection). Work
 * outside a transaction gets one of its own. Closing it leaves the wrapped store open.
 */
class OwnerStore implements Store {
  readonly kind = 'postgres' as const;

  constructor(
    private readonly inner: Store,
    private readonly owner: string,
  ) {}

  get dialect() {
    return this.inner.dialect;
  }

  get fields() {
    return this.inner.fields;
  }

  transaction<T>(work: (tx: Queryable) => Promise<T>, options?: TransactionOptions): Promise<T> {
    return this.inner.transaction(async (tx) => {
      await tx.exec(`SET LOCAL ROLE ${quoteIdentifier(this.owner)}; SET LOCAL search_path = ${FLOOR_SCHEMA}`);
      return work(tx);
    }, options);
  }

  run(q: Sql): Promise<RunResult> {
    return this.transaction((tx) => tx.run(q));
  }
  all<T>(q: Sql): Promise<T[]> {
    return this.transaction((tx) => tx.all<T>(q));
  }
  get<T>(q: Sql): Promise<T | undefined> {
    return this.transaction((tx) => tx.get<T>(q));
  }
  exec(text: string): Promise<void> {
    return this.transaction((tx) => tx.exec(text));
  }
  copyOut(text: string): Promise<Buffer> {
    return this.transaction((tx) => tx.copyOut!(text));
  }

  async assertIntact(): Promise<void> {
    const inner = this.inner as { assertIntact?: () => Promise<void> };
    await inner.assertIntact?.();
  }

  async close(): Promise<void> {
    // The wrapped store is its opener's to close.
  }
}

/** `store` (the DBA's, a member of the owner role) acting as the floor's owner. */
export function ownerStore(store: Store, database: string): Store {
  if (store.kind !== 'postgres') throw new Error('a floor is a PostgreSQL database');
  return new OwnerStore(store, floorRoles(database).owner);
}

interface Found {
  db: string;
  schema: boolean;
  tables: boolean;
  roles: boolean;
  pgcrypto: boolean;
}

/**
 * Creates the floor on `database`, which must be empty: no `strongroom` schema, no table, no
 * pgcrypto, and no roles of that name yet. `store` is connected to it as the DBA: a role with
 * CREATEROLE that owns the database (or a superuser). Returns the floor's role names. The
 * schema is brought to `migrations`' last version (a test makes an older floor with fewer).
 */
export async function initFloorSchema(
  store: Store,
  database: string,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<FloorRoles> {
  const roles = floorRoles(database);
  if (store.kind !== 'postgres') throw new Error('a floor is a PostgreSQL database');
  const found = await store.get<Found>(sql`
    SELECT current_database() AS db,
           EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ${FLOOR_SCHEMA}) AS schema,
           EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
                      AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%') AS tables,
           EXISTS (SELECT 1 FROM pg_roles WHERE rolname IN (${roles.owner}, ${roles.seats})) AS roles,
           EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pgcrypto') AS pgcrypto`);
  if (found?.db !== database) fail('INPUT_REJECTED', 'floor.badDatabaseName');
  for (const what of ['schema', 'tables', 'roles', 'pgcrypto'] as const)
    if (found[what]) fail('INPUT_REJECTED', 'floor.notEmpty', { found: what });

  const [owner, seats, db] = [roles.owner, roles.seats, database].map(quoteIdentifier);
  await store.transaction((tx) =>
    tx.exec(`
      CREATE ROLE ${owner} NOLOGIN;
      CREATE ROLE ${seats} NOLOGIN;
      -- SET ROLE for this DBA; ending seats' backends (close_sessions) for the owner's functions.
      GRANT ${owner} TO CURRENT_USER;
      GRANT pg_signal_backend TO ${owner};
      CREATE SCHEMA ${FLOOR_SCHEMA} AUTHORIZATION ${owner};
      -- A trusted extension since PostgreSQL 13: the database's owner may create it.
      CREATE EXTENSION pgcrypto SCHEMA ${FLOOR_SCHEMA};
      ALTER DATABASE ${db} SET search_path = ${FLOOR_SCHEMA};
      REVOKE ALL ON DATABASE ${db} FROM PUBLIC;
      GRANT CONNECT, TEMPORARY ON DATABASE ${db} TO ${seats};
    `),
  );
  await migrateFloor(store, database, migrations);
  return roles;
}

/** Brings a floor's schema up to this app's (`strongroom floor migrate`), as the floor's owner. */
export async function migrateFloor(
  store: Store,
  database: string,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number> {
  const { owner, seats } = floorRoles(database);
  return migrate(ownerStore(store, database), migrations, { roles: { owner, seats } });
}

/** One account's keyslot as the server keeps it. */
export interface KeyslotRecord {
  accountId: number;
  /** HMAC-SHA256(lookupSalt, normalised username), 64 hex digits. */
  lookup: string;
  /** The keyslot's JSON; its `kdf` object is what auth_begin hands out. */
  slot: string;
  /** 32 bytes: the key sign-in proofs are checked with (HMAC-SHA256(authKey, challenge)). */
  authKey: Buffer;
  epoch: number;
}

/**
 * Writes the first IT account's keyslot in an owner transaction (ownerStore) during init, when
 * there is no app session yet to call keyslot_put with; the account row must already be there.
 */
export async function insertFirstKeyslot(tx: Queryable, k: KeyslotRecord): Promise<void> {
  await tx.get(sql`SELECT strongroom.keyslot_store(${k.accountId}, ${k.lookup}, ${k.slot}, ${k.authKey}, ${k.epoch})`);
}

/** What a DBA does to admit one seat (`strongroom floor seat-role`). */
export interface SeatAdmission {
  /** The seat's login role, and the CN its client certificate must carry. */
  role: string;
  /** SQL to run in the floor's database as the DBA. */
  statements: string[];
  /** For pg_hba.conf, above any broader line: certificate login only (implies verify-full). */
  hbaLine: string;
}

const HBA_ADDRESS = /^(samenet|samehost|\d{1,3}(\.\d{1,3}){3}\/\d{1,2}|[0-9a-f:]+\/\d{1,3})$/i;

export function seatRoleStatements(database: string, seatId: string, address = 'samenet'): SeatAdmission {
  const roles = floorRoles(database);
  const role = roles.seatRole(seatId);
  if (!HBA_ADDRESS.test(address)) fail('INPUT_REJECTED', 'floor.badAddress');
  return {
    role,
    statements: [`CREATE ROLE ${quoteIdentifier(role)} LOGIN IN ROLE ${quoteIdentifier(roles.seats)};`],
    hbaLine: `hostssl ${database} ${role} ${address} cert`,
  };
}
