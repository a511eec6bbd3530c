/**
 * 账号 — accounts as stored in the vault; keyslots are the keyring's business. The username is
 * stored as a sealed name and the display name and closure reason as sealed text (on a floor the
 * server sees neither: store/field-seal.ts), so lookups seal the name they look for.
 */
import { isRole, type Role } from '../../../shared/roles';
import type { Queryable } from '../store/store';
import { joinSql, sql } from '../store/sql';
import { nameIn, type FieldSeal } from '../store/field-seal';

export interface Account {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  state: 'active' | 'closed';
  mustChangePassword: boolean;
  passwordChangedAt: number;
  createdAt: number;
  lastLoginAt: number | null;
}

interface Row {
  id: number;
  username: string;
  display_name: string;
  role: string;
  state: 'active' | 'closed';
  must_change_password: number;
  password_changed_at: number;
  created_at: number;
  last_login_at: number | null;
}

function fromRow(db: Queryable, row: Row): Account {
  if (!isRole(row.role)) throw new Error('unknown role in vault');
  return {
    id: row.id,
    username: db.fields.open(row.username),
    displayName: db.fields.open(row.display_name),
    role: row.role,
    state: row.state,
    mustChangePassword: row.must_change_password === 1,
    passwordChangedAt: row.password_changed_at,
    createdAt: row.created_at,
    lastLoginAt: row.last_login_at,
  };
}

export async function accountById(db: Queryable, id: number): Promise<Account | undefined> {
  const row = await db.get<Row>(sql`SELECT * FROM accounts WHERE id = ${id}`);
  return row && fromRow(db, row);
}

export async function accountByUsername(db: Queryable, username: string): Promise<Account | undefined> {
  const row = await db.get<Row>(sql`SELECT * FROM accounts WHERE username ${nameIn(db.fields, username)}`);
  return row && fromRow(db, row);
}

/** Every account, by username (sorted here: a sealed name's order on the server means nothing). */
export async function listAccounts(db: Queryable): Promise<Account[]> {
  const accounts = (await db.all<Row>(sql`SELECT * FROM accounts`)).map((row) => fromRow(db, row));
  return accounts.sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0));
}

/** Usernames by account id (to name who did what in a list). */
export async function usernamesById(db: Queryable): Promise<Map<number, string>> {
  return new Map((await listAccounts(db)).map((a) => [a.id, a.username]));
}

export interface NewAccount {
  username: string;
  displayName: string;
  role: Role;
  at: number;
  createdBy: number | null;
  /** IT-issued passwords are one-time: the first login must change them. */
  mustChangePassword: boolean;
}

export async function insertAccount(tx: Queryable, a: NewAccount): Promise<number> {
  const row = await tx.get<{ id: number }>(
    sql`INSERT INTO accounts (username, display_name, role, state, must_change_password, password_changed_at, created_at, created_by)
        VALUES (${tx.fields.name(a.username)}, ${tx.fields.text(a.displayName)}, ${a.role}, 'active', ${a.mustChangePassword ? 1 : 0}, ${a.at}, ${a.at}, ${a.createdBy})
        RETURNING id`,
  );
  return row!.id;
}

export async function recordLogin(tx: Queryable, id: number, at: number): Promise<void> {
  await tx.run(sql`UPDATE accounts SET last_login_at = ${at} WHERE id = ${id}`);
}

/** A new password (set by the user, or one-time when IT issued it). */
export async function setPassword(tx: Queryable, id: number, at: number, oneTime: boolean): Promise<void> {
  await tx.run(
    sql`UPDATE accounts SET password_changed_at = ${at}, must_change_password = ${oneTime ? 1 : 0} WHERE id = ${id}`,
  );
}

export async function markClosed(tx: Queryable, id: number, at: number, reason: string): Promise<void> {
  await tx.run(
    sql`UPDATE accounts SET state = 'closed', closed_at = ${at}, closed_reason = ${tx.fields.text(reason)} WHERE id = ${id}`,
  );
}

export async function setRole(tx: Queryable, id: number, role: Role): Promise<void> {
  await tx.run(sql`UPDATE accounts SET role = ${role} WHERE id = ${id}`);
}

export async function activeItCount(db: Queryable): Promise<number> {
  const row = await db.get<{ n: number }>(
    sql`SELECT count(*) AS n FROM accounts WHERE role = 'it' AND state = 'active'`,
  );
  return row?.n ?? 0;
}

/** Active accounts holding one of `roles`, leaving out `exceptId` (two-person approvals). */
export async function activeWithRole(db: Queryable, roles: readonly Role[], exceptId: number | null): Promise<number> {
  const row = await db.get<{ n: number }>(
    sql`SELECT count(*) AS n FROM accounts WHERE state = 'active' AND id IS DISTINCT FROM ${exceptId} AND role IN (${joinSql(
      roles.map((r) => sql`${r}`),
      ', ',
    )})`,
  );
  return row?.n ?? 0;
}

/**
 * Locks every account row until the caller's transaction ends: a floor's key rotation runs at
 * read committed (it reads the log's head after taking the chain lock), so the checks its action
 * makes on accounts (the last IT account, a state) must not change under it.
 */
export async function lockAccounts(tx: Queryable): Promise<void> {
  await tx.all(sql`SELECT id FROM accounts ORDER BY id FOR UPDATE`);
}

/**
 * A floor's key rotation: every account's sealed fields sealed again under `to`, the new epoch's
 * keys (read through `tx.fields`, which opens every epoch's), so a lookup by name needs only the
 * newest seal and nothing in accounts stays readable under a key a closed account once held.
 */
export async function resealAccounts(tx: Queryable, to: FieldSeal): Promise<number> {
  const rows = await tx.all<{ id: number; username: string; display_name: string; closed_reason: string | null }>(
    sql`SELECT id, username, display_name, closed_reason FROM accounts ORDER BY id`,
  );
  for (const r of rows) {
    const reason = r.closed_reason === null ? null : to.text(tx.fields.open(r.closed_reason));
    await tx.run(
      sql`UPDATE accounts SET username = ${to.name(tx.fields.open(r.username))},
                              display_name = ${to.text(tx.fields.open(r.display_name))},
                              closed_reason = ${reason}
          WHERE id = ${r.id}`,
    );
  }
  return rows.length;
}
