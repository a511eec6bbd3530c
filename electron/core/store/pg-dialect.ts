/** PostgreSQL's side of the dialect (the floor's shared server). */
import { sql, type Sql } from './sql';
import { assertIdentifier, type Dialect, type ErrorClass } from './store';

/** SQLSTATEs we act on: https://www.postgresql.org/docs/current/errcodes-appendix.html */
const UNIQUE_VIOLATION = '23505';
const SERIALIZATION_FAILURE = '40001';
const DEADLOCK_DETECTED = '40P01';
const INSUFFICIENT_PRIVILEGE = '42501';
/** Raised by our own triggers and functions (RAISE … USING ERRCODE). */
const REFUSED_BY_SCHEMA = 'SR001';

export function sqlState(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

export const pgDialect: Dialect = {
  kind: 'postgres',
  placeholders: 'dollar',
  greatest: (a: Sql, b: Sql) => sql`GREATEST(${a}, ${b})`,
  // The key is a constant identifier, so it can be a literal here (jsonb's ->> takes text).
  jsonText: (column: Sql, key: string) => sql`(${column}::jsonb ->> ${assertIdentifier(key)})`,
  classify(err: unknown): ErrorClass {
    const state = sqlState(err);
    if (state === UNIQUE_VIOLATION) return 'unique-violation';
    if (state === SERIALIZATION_FAILURE || state === DEADLOCK_DETECTED) return 'serialization-failure';
    if (state === INSUFFICIENT_PRIVILEGE || state === REFUSED_BY_SCHEMA) return 'refused';
    return null;
  },
};
