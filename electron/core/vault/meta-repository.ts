/** The `meta` table: the vault's own facts (id, creation time, how far preauth.json was drained). */
import type { Queryable } from '../store/db';
import { sql } from '../store/sql';

export async function insertVaultMeta(tx: Queryable, vaultId: string, createdAt: number): Promise<void> {
  await tx.run(
    sql`INSERT INTO meta (key, value) VALUES ('vault_id', ${vaultId}), ('created_at', ${String(createdAt)})`,
  );
}

export async function storedVaultId(db: Queryable): Promise<string | undefined> {
  return (await db.get<{ value: string }>(sql`SELECT value FROM meta WHERE key = 'vault_id'`))?.value;
}

/** The last pre-unlock event number already moved into the access log. */
export async function preauthDrainedThrough(db: Queryable): Promise<number> {
  const row = await db.get<{ value: string }>(sql`SELECT value FROM meta WHERE key = 'preauth_drained_through'`);
  return Number(row?.value ?? 0);
}

export async function setPreauthDrainedThrough(tx: Queryable, n: number): Promise<void> {
  await tx.run(sql`INSERT INTO meta (key, value) VALUES ('preauth_drained_through', ${String(n)})
                   ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
}
