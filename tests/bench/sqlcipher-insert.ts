/**
 * sqlcipher-insert: rows/s inserting case-like rows through the Db wrapper (SQLCipher, the
 * vault's pragmas, multi-row INSERTs built with sql/joinSql, 10,000 rows per transaction),
 * against plaintext better-sqlite3 (a prepared single-row INSERT, same rows per transaction).
 */
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Db } from '../../electron/core/store/db';
import { joinSql, sql, type Sql } from '../../electron/core/store/sql';
import { median, note, sig, timed, withTempDir, type Bench } from './common';

const ROWS = 200_000;
const PER_TX = 10_000;
/** 9 bound values a row: 4,500 per statement, well under SQLite's 32,766. */
const PER_STATEMENT = 500;
const ROUNDS = 5;

const SCHEMA = `
  CREATE TABLE cases (
    id            INTEGER PRIMARY KEY,
    case_ref      TEXT NOT NULL UNIQUE,
    debtor_name   TEXT NOT NULL,
    phone         TEXT,
    status        TEXT NOT NULL,
    balance_cents INTEGER NOT NULL,
    assigned_to   INTEGER,
    opened_at     INTEGER NOT NULL,
    notes         TEXT
  ) STRICT;`;

type CaseRow = [string, string, string | null, string, number, number | null, number, string | null];

const STATUSES = ['open', 'promise', 'dispute', 'paid', 'closed'] as const;
const SURNAMES = ['Lopez', 'Okafor', 'Nguyen', 'Schmidt', 'Chen', 'Rossi', 'Kowalski', 'Haddad'] as const;

function caseRow(i: number): CaseRow {
  return [
    `C-2026-${String(i).padStart(7, '0')}`,
    `${SURNAMES[i % SURNAMES.length]}, ${String.fromCharCode(65 + (i % 26))}.`,
    i % 10 === 0 ? null : `+44 7700 ${String(900000 + (i % 100000)).padStart(6, '0')}`,
    STATUSES[i % STATUSES.length]!,
    (i * 7919) % 2_500_000,
    i % 4 === 0 ? null : 2 + (i % 40),
    1_760_000_000_000 + i * 60_000,
    i % 3 === 0 ? null : 'Called twice, left voicemail; debtor asked for a payment plan next month.',
  ];
}

async function viaDb(file: string, rows: readonly CaseRow[]): Promise<number> {
  const db = await Db.open(file, randomBytes(32), true);
  try {
    await db.exec(SCHEMA);
    const { seconds } = await timed(async () => {
      for (let t = 0; t < rows.length; t += PER_TX) {
        await db.transaction(async (tx) => {
          for (let s = t; s < Math.min(t + PER_TX, rows.length); s += PER_STATEMENT) {
            const values: Sql[] = rows
              .slice(s, Math.min(s + PER_STATEMENT, t + PER_TX, rows.length))
              .map((r) => sql`(${r[0]}, ${r[1]}, ${r[2]}, ${r[3]}, ${r[4]}, ${r[5]}, ${r[6]}, ${r[7]})`);
            await tx.run(
              sql`INSERT INTO cases (case_ref, debtor_name, phone, status, balance_cents, assigned_to, opened_at, notes)
                  VALUES ${joinSql(values, ', ')}`,
            );
          }
        });
      }
    });
    const count = await db.get<{ n: number }>(sql`SELECT count(*) AS n FROM cases`);
    if (count?.n !== rows.length) throw new Error(`sqlcipher-insert: ${count?.n} rows stored, expected ${rows.length}`);
    return seconds;
  } finally {
    await db.close();
  }
}

async function viaBetterSqlite(file: string, rows: readonly CaseRow[]): Promise<number> {
  const db = new Database(file);
  try {
    // The durability the vault runs with (db.ts), so only encryption and the driver differ.
    db.pragma('journal_mode = DELETE');
    db.pragma('synchronous = FULL');
    db.pragma('secure_delete = ON');
    db.exec(SCHEMA);
    const insert = db.prepare(
      'INSERT INTO cases (case_ref, debtor_name, phone, status, balance_cents, assigned_to, opened_at, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const batch = db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i += 1) insert.run(...rows[i]!);
    });
    const { seconds } = await timed(() => {
      for (let t = 0; t < rows.length; t += PER_TX) batch(t, Math.min(t + PER_TX, rows.length));
    });
    return seconds;
  } finally {
    db.close();
  }
}

export const sqlcipherInsertBench: Bench = {
  name: 'sqlcipher-insert',
  run: () =>
    withTempDir(async (dir) => {
      const rows = Array.from({ length: ROWS }, (_, i) => caseRow(i + 1));
      const cipher: number[] = [];
      const plain: number[] = [];
      // A small untimed round of each warms the JIT and both drivers.
      await viaDb(path.join(dir, 'cipher-warm.db'), rows.slice(0, PER_TX * 2));
      await viaBetterSqlite(path.join(dir, 'plain-warm.db'), rows.slice(0, PER_TX * 2));
      // Alternating rounds, each into a new file, so drift on the machine hits both sides.
      for (let round = 0; round < ROUNDS; round += 1) {
        cipher.push(await viaDb(path.join(dir, `cipher-${round}.db`), rows));
        plain.push(await viaBetterSqlite(path.join(dir, `plain-${round}.db`), rows));
      }
      note(`sqlcipher via Db (s): ${cipher.map((s) => s.toFixed(3)).join(' ')}`);
      note(`better-sqlite3 plaintext (s): ${plain.map((s) => s.toFixed(3)).join(' ')}`);
      const value = ROWS / median(cipher);
      const baseline = ROWS / median(plain);
      return {
        name: 'sqlcipher-insert',
        value: sig(value),
        unit: 'rows/s',
        baseline:
          'better-sqlite3 plaintext, prepared INSERT in a transaction (same rows, pragmas, rows per transaction)',
        baseline_value: sig(baseline),
        ratio: sig(value / baseline, 3),
        n: ROWS,
        rows_per_transaction: PER_TX,
        rows_per_statement: PER_STATEMENT,
        rounds: ROUNDS,
      };
    }),
};
