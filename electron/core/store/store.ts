/**
 * The storage seam: what domain code needs of a database, whichever store it runs on — the
 * embedded SQLCipher file (one station) or the floor's PostgreSQL server. Domain repositories
 * see only these types; each driver renders the `sql` tag's parts its own way.
 */
import type { FieldSeal } from './field-seal';
import type { Placeholders, Sql } from './sql';

export interface RunResult {
  changes: number;
}

export type StoreKind = 'sqlite' | 'postgres';

/** What a database error means to our code; everything else is a bug or an outage. */
export type ErrorClass = 'unique-violation' | 'serialization-failure' | 'refused' | null;

/** Where the two engines' SQL differs; kept small on purpose. */
export interface Dialect {
  readonly kind: StoreKind;
  readonly placeholders: Placeholders;
  /** The larger of two values (SQLite's scalar max(), PostgreSQL's GREATEST). */
  greatest(a: Sql, b: Sql): Sql;
  /** A top-level string field of a JSON text column; `key` is a constant from our code. */
  jsonText(column: Sql, key: string): Sql;
  /** Classifies a driver error (after the driver has mapped its own codes). */
  classify(err: unknown): ErrorClass;
}

/** What a query needs: the whole database outside a transaction, or the open transaction. */
export interface Queryable {
  readonly dialect: Dialect;
  /** How PII text is stored here: domain code seals what it writes and opens what it reads. */
  readonly fields: FieldSeal;
  run(q: Sql): Promise<RunResult>;
  all<T>(q: Sql): Promise<T[]>;
  get<T>(q: Sql): Promise<T | undefined>;
  /** Runs trusted constant SQL text (migrations only). */
  exec(text: string): Promise<void>;
  /**
   * PostgreSQL only: the bytes a `COPY (…) TO STDOUT` of trusted text writes (verify reads the
   * log's stored bytes this way, docs/floor-audit.md). Absent on SQLite.
   */
  copyOut?(text: string): Promise<Buffer>;
  /**
   * PostgreSQL only: a `COPY … FROM STDIN` of trusted text, fed `data` in the format it names
   * (binary: store/copy-binary.ts). Bulk loads (an import's cases) use it; absent on SQLite.
   */
  copyIn?(text: string, data: Uint8Array): Promise<void>;
}

export interface TransactionOptions {
  /**
   * Named locks the transaction takes first (PostgreSQL advisory locks, held to commit). On
   * SQLite every write transaction already excludes every other, so they cost nothing there.
   */
  locks?: readonly string[];
  /**
   * PostgreSQL only: 'read-committed' for work that serialises itself with a named lock and
   * must see what committed while it waited (the access log's chaining). Default serializable.
   */
  isolation?: 'serializable' | 'read-committed';
  /**
   * PostgreSQL only: the app session's token, for act_as() to check in the same round trip as
   * BEGIN (docs/floor-schema.md, "App sessions"): every floor transaction starts with it.
   */
  actAs?: Buffer;
}

export interface Store extends Queryable {
  readonly kind: StoreKind;
  /**
   * Runs `work` in one transaction: all of it commits, or none of it. Both stores give
   * serializable isolation; PostgreSQL may run `work` again after a serialization failure, so
   * `work` must not have effects outside the database.
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /**
   * Fails with VAULT_DAMAGED when the store's own defences were altered: SQLCipher's page MACs
   * and b-tree structure; on PostgreSQL, the schema's triggers (a disabled one guards nothing).
   */
  assertIntact(): Promise<void>;
  close(): Promise<void>;
}

/** Constant identifiers only: refuses anything that could change a statement's meaning. */
export function assertIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_.$]*$/i.test(name)) throw new RangeError('not a plain identifier');
  return name;
}
