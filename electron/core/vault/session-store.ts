/**
 * The floor's store as one signed-in session sees it: every transaction starts with act_as(token),
 * which checks the app session is still open and its account active and lets row-level security
 * admit this transaction's statements (docs/floor-schema.md, "App sessions"). A statement outside
 * a transaction is run in one. Closing the account elsewhere fails the very next statement.
 */
import { pgDialect } from '../store/pg-dialect';
import type { PgStore } from '../store/pg-store';
import { sql, type Sql } from '../store/sql';
import type { Queryable, RunResult, Store, TransactionOptions } from '../store/store';

export class SessionStore implements Store {
  readonly kind = 'postgres';
  readonly dialect = pgDialect;

  get fields() {
    return this.store.fields;
  }

  /** Run after each committed write (the vault chains what it wrote); never for its own work. */
  afterWrite: (() => Promise<void>) | null = null;

  constructor(
    private readonly store: PgStore,
    private readonly token: Buffer,
  ) {}

  async transaction<T>(work: (tx: Queryable) => Promise<T>, options?: TransactionOptions): Promise<T> {
    const result = await this.store.transaction(work, { ...options, actAs: this.token });
    await this.afterWrite?.();
    return result;
  }

  /**
   * One statement outside a transaction (so in one of its own), for a function that checks the
   * session itself (audit_append); then the after-write hook, as after a transaction.
   */
  async alone(statement: (token: Buffer) => Sql): Promise<void> {
    await this.store.get(statement(this.token));
    await this.afterWrite?.();
  }

  /** The same session without the after-write hook (the hook's own transactions use it). */
  withoutHook(): SessionStore {
    return new SessionStore(this.store, this.token);
  }

  run(q: Sql): Promise<RunResult> {
    return this.transaction((tx) => tx.run(q));
  }
  all<T>(q: Sql): Promise<T[]> {
    return this.read((tx) => tx.all<T>(q));
  }
  get<T>(q: Sql): Promise<T | undefined> {
    return this.read((tx) => tx.get<T>(q));
  }

  copyOut(text: string): Promise<Buffer> {
    return this.read((tx) => tx.copyOut!(text));
  }

  private read<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.store.transaction(work, { actAs: this.token });
  }
  exec(text: string): Promise<void> {
    return this.transaction((tx) => tx.exec(text));
  }

  assertIntact(): Promise<void> {
    return this.store.assertIntact();
  }

  /** Signs the app session out on the server (best effort), then closes the connections. */
  async close(): Promise<void> {
    await this.store.get(sql`SELECT end_session(${this.token}) AS ended`).catch(() => undefined);
    this.token.fill(0);
    await this.store.close();
  }
}
