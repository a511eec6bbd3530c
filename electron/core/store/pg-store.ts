/**
 * The floor's store: a pool of connections to the PostgreSQL server, as this seat's own role.
 * Transactions are SERIALIZABLE (what SQLite's single writer gives the embedded store) and run
 * again after a serialization failure; named locks are transaction-scoped advisory locks.
 */
import { randomInt } from 'node:crypto';
import pg from 'pg';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { fail, VaultError } from '../errors';
import { FieldsHolder, type FieldSeal } from './field-seal';
import { pgDialect, sqlState } from './pg-dialect';
import { sql, type Sql } from './sql';
import { assertIdentifier, type Queryable, type RunResult, type Store, type TransactionOptions } from './store';

const INT8 = 20;
const RETRIES = 12;

/**
 * 64-bit integers arrive as JS numbers on both stores (ids, epoch milliseconds, counts); one
 * beyond 2^53 would lose digits, so it is refused rather than rounded.
 */
function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError('integer beyond 2^53 from the server');
  return n;
}

const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8 && format !== 'binary') return parseInt8;
    return pg.types.getTypeParser(oid, format) as unknown;
  }) as typeof pg.types.getTypeParser,
};

/** Connection-level failures: the server is down, restarting, or this seat was cut off. */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004']);
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOENT', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH']);

/**
 * TLS verification failures: ours of the server's certificate (expired, not yet valid, another
 * CA, another name: often this seat's clock is wrong) or the server's alert about ours.
 */
const CERTIFICATE_ERRNOS =
  /^(CERT_|ERR_TLS_CERT_|UNABLE_TO_(GET|VERIFY)_|DEPTH_ZERO_SELF_SIGNED|SELF_SIGNED_CERT|ERR_SSL_\w*(CERTIFICATE|UNKNOWN_CA|BAD_CERT))/;

/** Driver errors out as one of ours, with no server text (it can quote values). */
function mapError(err: unknown): unknown {
  if (err instanceof VaultError) return err;
  const state = sqlState(err);
  const errno = (err as { code?: unknown } | null)?.code;
  if (typeof errno === 'string' && CERTIFICATE_ERRNOS.test(errno))
    return new VaultError('UNAVAILABLE', 'floor.certificate');
  if ((state && UNAVAILABLE_STATES.has(state)) || (typeof errno === 'string' && UNAVAILABLE_ERRNOS.has(errno)))
    return new VaultError('UNAVAILABLE', 'floor.unreachable');
  if (
    err instanceof Error &&
    /Connection terminated|connection is closed|Client has encountered a connection error/i.test(err.message)
  )
    return new VaultError('UNAVAILABLE', 'floor.unreachable');
  // Our schema's own refusals: no live app session (closed, signed out, account closed), or refused.
  if (state === 'SR003') return new VaultError('NO_SESSION', 'session.closed');
  // The floor's vault key was replaced after this session opened (0010-key-rotation.pg.ts).
  if (state === 'SR006') return new VaultError('NO_SESSION', 'session.keyRotated');
  // Schema 7 refused a floor made before names were sealed (0007-sealed-names.pg.ts).
  if (state === 'SR005') return new VaultError('INPUT_REJECTED', 'floor.namesInPlaintext');
  if (pgDialect.classify(err) === 'refused') return new VaultError('NOT_PERMITTED', 'floor.refused');
  return err;
}

/**
 * BEGIN, and act_as() when the transaction is a session's: one message, one round trip (a simple
 * query; the token goes in as hex of our own random bytes, so it can carry nothing else).
 */
function beginText(options: TransactionOptions): string {
  const level = options.isolation === 'read-committed' ? 'READ COMMITTED' : 'SERIALIZABLE';
  const begin = `BEGIN ISOLATION LEVEL ${level}`;
  if (!options.actAs) return begin;
  if (options.actAs.length !== 32) throw new RangeError('a session token is 32 bytes');
  return `${begin}; SELECT act_as('\\x${options.actAs.toString('hex')}'::bytea)`;
}

const ignoreClientError = (): void => undefined;

class PgQueryable implements Queryable {
  readonly dialect = pgDialect;

  constructor(
    private readonly client: pg.Pool | pg.PoolClient,
    readonly fields: FieldSeal,
  ) {}

  private async query<T>(q: Sql): Promise<pg.QueryResult<T & pg.QueryResultRow>> {
    try {
      return await this.client.query<T & pg.QueryResultRow>({ text: q.render('dollar'), values: [...q.values] });
    } catch (err) {
      throw mapError(err);
    }
  }

  async run(q: Sql): Promise<RunResult> {
    return { changes: (await this.query(q)).rowCount ?? 0 };
  }
  async all<T>(q: Sql): Promise<T[]> {
    return (await this.query<T>(q)).rows;
  }
  async get<T>(q: Sql): Promise<T | undefined> {
    return (await this.query<T>(q)).rows[0];
  }
  async exec(text: string): Promise<void> {
    try {
      await this.client.query(text);
    } catch (err) {
      throw mapError(err);
    }
  }
  /** On a transaction's connection (PgStore runs it in a transaction of its own). */
  async copyOut(text: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of (this.client as pg.PoolClient).query(copyTo(text))) chunks.push(chunk as Buffer);
    } catch (err) {
      throw mapError(err);
    }
    return Buffer.concat(chunks);
  }
  /** On a transaction's connection: `COPY … FROM STDIN` of trusted text, fed `data` in the format it names. */
  async copyIn(text: string, data: Uint8Array): Promise<void> {
    try {
      await pipeline(
        Readable.from([Buffer.from(data.buffer, data.byteOffset, data.length)]),
        (this.client as pg.PoolClient).query(copyFrom(text)),
      );
    } catch (err) {
      throw mapError(err);
    }
  }
}

export class PgStore extends PgQueryable implements Store {
  readonly kind = 'postgres';
  private closed = false;
  /** The vault's field seal, once a sign-in (or the floor's creation) has its keys. */
  declare readonly fields: FieldsHolder;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly config: pg.PoolConfig,
  ) {
    super(pool, new FieldsHolder());
  }

  /**
   * Connects to the first of `servers` (one config or several: a floor's primary, then its
   * standbys) that is reachable and takes writes, and proves it with that round trip. A server
   * that can't be reached (refused, timed out, starting up) or is in recovery (a standby:
   * `pg_is_in_recovery()`) is passed over for the next; any other error — a refused
   * certificate, a server whose name doesn't match — is thrown at once, not masked by the next
   * server. None left: UNAVAILABLE, `floor.noPrimary` when some answered but none takes writes,
   * else `floor.unreachable`. The pool stays on the server chosen: when it dies, every call
   * fails UNAVAILABLE and the seat signs in again (docs/floor-ha.md). Each config carries its
   * own TLS material, never a URL's sslmode.
   */
  static async connect(servers: pg.PoolConfig | readonly pg.PoolConfig[]): Promise<PgStore> {
    const candidates: readonly pg.PoolConfig[] = Array.isArray(servers) ? servers : [servers as pg.PoolConfig];
    if (candidates.length === 0) throw new RangeError('no server to connect to');
    let answeredReadOnly = false;
    for (const config of candidates) {
      const pool = new pg.Pool({ max: 4, idleTimeoutMillis: 30_000, ...config, types });
      // An idle client the server dropped (failover, restart) must not crash the process.
      pool.on('error', () => undefined);
      let recovering: boolean;
      try {
        const { rows } = await pool.query<{ recovering: boolean }>('SELECT pg_is_in_recovery() AS recovering');
        recovering = rows[0]?.recovering !== false;
      } catch (err) {
        await pool.end().catch(() => undefined);
        const mapped = mapError(err);
        // A refused certificate is a setup error (or this seat's clock) to show, not a server to pass over.
        if (mapped instanceof VaultError && mapped.code === 'UNAVAILABLE' && mapped.key !== 'floor.certificate')
          continue;
        throw mapped;
      }
      if (!recovering) return new PgStore(pool, config);
      answeredReadOnly = true;
      await pool.end().catch(() => undefined);
    }
    fail('UNAVAILABLE', answeredReadOnly ? 'floor.noPrimary' : 'floor.unreachable');
  }

  override copyIn(text: string, data: Uint8Array): Promise<void> {
    return this.transaction((tx) => tx.copyIn!(text, data));
  }
  override copyOut(text: string): Promise<Buffer> {
    return this.transaction((tx) => tx.copyOut!(text));
  }

  async transaction<T>(work: (tx: Queryable) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      if (this.closed) fail('NO_SESSION', 'session.locked');
      let client: pg.PoolClient;
      try {
        client = await this.pool.connect();
      } catch (err) {
        throw mapError(err);
      }
      // A connection the server ends mid-transaction (a closed account's backends, a failover)
      // fails the statement in flight; without a listener its 'error' event would also be thrown
      // as uncaught and end the process.
      client.on('error', ignoreClientError);
      const tx = new PgQueryable(client, this.fields);
      let broken = false;
      try {
        await tx.exec(beginText(options));
        for (const name of options.locks ?? [])
          await tx.get(sql`SELECT pg_advisory_xact_lock(hashtextextended(${name}, 0))`);
        const result = await work(tx);
        await tx.exec('COMMIT');
        return result;
      } catch (err) {
        await tx.exec('ROLLBACK').catch(() => {
          broken = true;
        });
        if (pgDialect.classify(err) !== 'serialization-failure' || attempt >= RETRIES) throw mapError(err);
        await new Promise((resolve) => setTimeout(resolve, randomInt(5 * attempt + 1)));
      } finally {
        client.off('error', ignoreClientError);
        client.release(broken);
      }
    }
  }

  async assertIntact(): Promise<void> {
    const off = await this.get<{ n: number }>(
      sql`SELECT count(*) AS n FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
          WHERE c.relnamespace = current_schema()::regnamespace AND NOT t.tgisinternal AND t.tgenabled <> 'O'`,
    );
    if ((off?.n ?? 0) > 0) fail('VAULT_DAMAGED', 'vault.damaged');
  }

  /**
   * LISTENs on `channel` over a connection of its own (a pooled one would drop it); `onNotify`
   * runs for each notification. A notification is only a hint: it can be lost on a reconnect,
   * and any seat may send one. Returns the function that stops listening.
   */
  async listen(channel: string, onNotify: () => void): Promise<() => Promise<void>> {
    const client = new pg.Client({ ...this.config, types });
    client.on('error', () => undefined);
    client.on('notification', () => onNotify());
    try {
      await client.connect();
      await client.query(`LISTEN ${assertIdentifier(channel)}`);
    } catch (err) {
      await client.end().catch(() => undefined);
      throw mapError(err);
    }
    return () => client.end().catch(() => undefined);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.fields.wipe();
    await this.pool.end();
  }
}
