/**
 * The SQLCipher connection: opened with a raw 256-bit key, one operation at a time, and
 * transactions that nothing else can interleave with (one connection, many async callers).
 */
import sqlite3 from '@journeyapps/sqlcipher';
import { fail, VaultError } from '../errors';
import { plainFields } from './field-seal';
import { sqliteDialect } from './sqlite-dialect';
import { sql, type Sql } from './sql';
import type { Queryable, RunResult, Store } from './store';

class Connection implements Queryable {
  readonly dialect = sqliteDialect;
  readonly fields = plainFields;

  constructor(private readonly raw: sqlite3.Database) {}

  run(q: Sql): Promise<RunResult> {
    return new Promise((resolve, reject) => {
      this.raw.run(q.render('question'), q.values, function (this: sqlite3.RunResult, err: Error | null) {
        if (err) reject(mapError(err));
        else resolve({ changes: this.changes });
      });
    });
  }

  all<T>(q: Sql): Promise<T[]> {
    return new Promise((resolve, reject) => {
      this.raw.all(q.render('question'), q.values, (err: Error | null, rows: T[]) =>
        err ? reject(mapError(err)) : resolve(rows),
      );
    });
  }

  get<T>(q: Sql): Promise<T | undefined> {
    return new Promise((resolve, reject) => {
      this.raw.get(q.render('question'), q.values, (err: Error | null, row: T | undefined) =>
        err ? reject(mapError(err)) : resolve(row),
      );
    });
  }

  exec(text: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.raw.exec(text, (err: Error | null) => (err ? reject(mapError(err)) : resolve()));
    });
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.raw.close((err: Error | null) => (err ? reject(mapError(err)) : resolve()));
    });
  }
}

/** SQLITE_NOTADB / SQLITE_CORRUPT mean the file was altered: say so without the driver's text. */
function mapError(err: Error): Error {
  const code = (err as { code?: string }).code;
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') return new VaultError('VAULT_DAMAGED', 'vault.damaged');
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_IOERR')
    return new VaultError('INPUT_REJECTED', 'dataDir.notWritable');
  return err;
}

export class Db implements Store {
  readonly kind = 'sqlite';
  readonly dialect = sqliteDialect;
  readonly fields = plainFields;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(private readonly conn: Connection) {}

  /** Opens (or creates) the database file with the raw key; the key buffer is not kept. */
  static async open(file: string, key: Buffer, create: boolean): Promise<Db> {
    const mode = sqlite3.OPEN_READWRITE | (create ? sqlite3.OPEN_CREATE : 0);
    const raw = await new Promise<sqlite3.Database>((resolve, reject) => {
      const db: sqlite3.Database = new sqlite3.Database(file, mode, (err) =>
        err ? reject(mapError(err)) : resolve(db),
      );
    });
    const conn = new Connection(raw);
    try {
      // SQLCipher otherwise writes its own diagnostics to stderr (the CLI prints one line only).
      await conn.exec('PRAGMA cipher_log_level = NONE');
      // The key must come before anything reads the file; the raw form skips SQLCipher's PBKDF.
      await conn.exec(`PRAGMA key = "x'${key.toString('hex')}'"`);
      // 32 MiB of page cache (the default is 2 MiB): an import's random-keyed token index stays in
      // memory instead of evicting and re-reading (re-decrypting) pages mid-transaction. Twice that
      // was measured no faster for 100,000 cases and cost ~40 MB of the import's 400 MB budget.
      await conn.exec(
        'PRAGMA secure_delete = ON; PRAGMA temp_store = MEMORY; PRAGMA foreign_keys = ON; PRAGMA cache_size = -32768;',
      );
      // Reading the schema proves the key and the first page are right.
      await conn.get(sql`SELECT count(*) AS n FROM sqlite_master`);
      await conn.exec('PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL;');
    } catch (err) {
      await conn.close().catch(() => undefined);
      throw err instanceof VaultError ? err : mapError(err as Error);
    }
    return new Db(conn);
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    if (this.closed) fail('NO_SESSION', 'session.locked');
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  run(q: Sql): Promise<RunResult> {
    return this.serial(() => this.conn.run(q));
  }
  all<T>(q: Sql): Promise<T[]> {
    return this.serial(() => this.conn.all<T>(q));
  }
  get<T>(q: Sql): Promise<T | undefined> {
    return this.serial(() => this.conn.get<T>(q));
  }
  exec(text: string): Promise<void> {
    return this.serial(() => this.conn.exec(text));
  }

  /**
   * Runs `work` in one IMMEDIATE transaction: all of it commits, or none of it. Named locks
   * need nothing here: one connection, and IMMEDIATE excludes every other writer.
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.serial(async () => {
      await this.conn.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(this.conn);
        await this.conn.exec('COMMIT');
        return result;
      } catch (err) {
        await this.conn.exec('ROLLBACK').catch(() => undefined);
        throw err;
      }
    });
  }

  /**
   * Re-encrypts every page under a new raw key (SQLCipher's PRAGMA rekey). It runs as one
   * transaction through the rollback journal, whose pages keep the old key: killed midway, the
   * next open with the old key rolls it back; once committed only the new key opens the file.
   */
  async rekey(key: Buffer): Promise<void> {
    await this.exec(`PRAGMA rekey = "x'${key.toString('hex')}'"`);
  }

  /**
   * Checks every page's HMAC (SQLCipher) and the b-tree structure, so bytes flipped anywhere
   * in the file are found at unlock, not at some later read.
   */
  async assertIntact(): Promise<void> {
    const pages = await this.all<Record<string, string>>(sql`PRAGMA cipher_integrity_check`);
    if (pages.length > 0) fail('VAULT_DAMAGED', 'vault.damaged');
    const structure = await this.all<{ quick_check: string }>(sql`PRAGMA quick_check`);
    if (structure.length !== 1 || structure[0]?.quick_check !== 'ok') fail('VAULT_DAMAGED', 'vault.damaged');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.serial(() => this.conn.close());
    this.closed = true;
  }
}
