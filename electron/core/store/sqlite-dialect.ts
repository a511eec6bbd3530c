/** SQLite's side of the dialect (SQLCipher is SQLite underneath). */
import { sql, type Sql } from './sql';
import { assertIdentifier, type Dialect, type ErrorClass } from './store';

export const sqliteDialect: Dialect = {
  kind: 'sqlite',
  placeholders: 'question',
  greatest: (a: Sql, b: Sql) => sql`max(${a}, ${b})`,
  jsonText: (column: Sql, key: string) => sql`json_extract(${column}, ${`$.${assertIdentifier(key)}`})`,
  classify(err: unknown): ErrorClass {
    const code = (err as { code?: string } | null)?.code;
    const message = err instanceof Error ? err.message : '';
    if (code === 'SQLITE_CONSTRAINT' && /UNIQUE|PRIMARY KEY/.test(message)) return 'unique-violation';
    if (code === 'SQLITE_BUSY') return 'serialization-failure';
    return null;
  },
};
