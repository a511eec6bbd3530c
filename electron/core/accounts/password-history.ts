/** Password history: Argon2id verifiers (never reversible) of the last passwords of an account. */
import argon2 from 'argon2';
import type { Queryable } from '../store/store';
import { sql } from '../store/sql';
import { KDF_FLOOR } from '../keyring/kdf';

export async function makeVerifier(password: string): Promise<string> {
  return argon2.hash(password, {
    type: argon2.argon2id,
    memoryCost: KDF_FLOOR.m,
    timeCost: KDF_FLOOR.t,
    parallelism: KDF_FLOOR.p,
  });
}

export async function recordPassword(tx: Queryable, accountId: number, password: string, at: number): Promise<void> {
  await tx.run(
    sql`INSERT INTO password_history (account_id, verifier, set_at) VALUES (${accountId}, ${await makeVerifier(password)}, ${at})`,
  );
}

/** True when the password matches one of the account's last `count` passwords. */
export async function reusesRecent(
  db: Queryable,
  accountId: number,
  password: string,
  count: number,
): Promise<boolean> {
  const rows = await db.all<{ verifier: string }>(
    sql`SELECT verifier FROM password_history WHERE account_id = ${accountId} ORDER BY id DESC LIMIT ${count}`,
  );
  for (const row of rows) if (await argon2.verify(row.verifier, password)) return true;
  return false;
}
