/** The little of better-sqlite3 (a dev dependency with no bundled types) that the storage baseline uses. */
declare module 'better-sqlite3' {
  interface Statement {
    run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
    get(...params: unknown[]): unknown;
    all(...params: unknown[]): unknown[];
  }
  class Database {
    constructor(filename: string);
    pragma(source: string): unknown;
    exec(source: string): this;
    prepare(source: string): Statement;
    transaction<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void;
    close(): this;
  }
  export default Database;
}
