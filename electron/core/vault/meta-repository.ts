/** The `meta` table: the vault's own facts (id, creation time, how far preauth.json was drained). */
import type { Queryable } from '../store/store';
import { sql } from '../store/sql';

export async function insertVaultMeta(tx: Queryable, vaultId: string, createdAt: number): Promise<void> {
  await tx.run(
    sql`INSERT INTO meta (key, value) VALUES ('vault_id', ${vaultId}), ('created_at', ${String(createdAt)})`,
  );
}

export async function storedVaultId(db: Queryable): Promise<string | undefined> {
  return (await db.get<{ value: string }>(sql`SELECT value FROM meta WHERE key = 'vault_id'`))?.value;
}

async function metaValue(db: Queryable, key: string): Promise<string | null> {
  return (await db.get<{ value: string }>(sql`SELECT value FROM meta WHERE key = ${key}`))?.value ?? null;
}

async function setMeta(tx: Queryable, key: string, value: string): Promise<void> {
  await tx.run(sql`INSERT INTO meta (key, value) VALUES (${key}, ${value})
                   ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
}

/**
 * What was drained from preauth.json last: the journal's chain id, the last event number moved
 * into the access log, and the chain's head there (id and head null: drained before the chain).
 */
export async function preauthDrained(
  db: Queryable,
): Promise<{ id: string | null; through: number; head: string | null }> {
  return {
    id: await metaValue(db, 'preauth_chain_id'),
    through: Number((await metaValue(db, 'preauth_drained_through')) ?? 0),
    head: await metaValue(db, 'preauth_chain_head'),
  };
}

export async function setPreauthDrained(
  tx: Queryable,
  drained: { id: string; through: number; head: string },
): Promise<void> {
  await setMeta(tx, 'preauth_chain_id', drained.id);
  await setMeta(tx, 'preauth_drained_through', String(drained.through));
  await setMeta(tx, 'preauth_chain_head', drained.head);
}

/** The keyring generation the database has seen (null: a vault from before generations). */
export async function keyringGeneration(db: Queryable): Promise<number | null> {
  const value = await metaValue(db, 'keyring_generation');
  return value === null ? null : Number(value);
}

/** In the transaction of every keyring change: a keyring older than this is refused at unlock. */
export async function setKeyringGeneration(tx: Queryable, generation: number): Promise<void> {
  await setMeta(tx, 'keyring_generation', String(generation));
}

/** When the pre-login journal was last drained: events sealed since can't be dated earlier. */
export async function preauthDrainedAt(db: Queryable): Promise<number> {
  return Number((await metaValue(db, 'preauth_drained_at')) ?? 0);
}

export async function setPreauthDrainedAt(tx: Queryable, at: number): Promise<void> {
  await setMeta(tx, 'preauth_drained_at', String(at));
}
