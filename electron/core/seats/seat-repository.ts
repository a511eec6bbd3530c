/** 席位 — seats seen by this vault, which accounts are bound to which (专机专用), and flags. */
import type { Queryable } from '../store/store';
import { sql } from '../store/sql';

export interface Seat {
  seatId: string;
  label: string;
  importStation: boolean;
  firstSeenAt: number;
  lastSeenAt: number;
  accounts: string[];
}

/** Every unlock registers the seat it happened on, so IT can bind accounts to it. */
export async function noteSeat(tx: Queryable, seatId: string, at: number): Promise<void> {
  await tx.run(sql`INSERT INTO seats (seat_id, first_seen_at, last_seen_at) VALUES (${seatId}, ${at}, ${at})
                   ON CONFLICT (seat_id) DO UPDATE SET last_seen_at = ${tx.dialect.greatest(sql`seats.last_seen_at`, sql`excluded.last_seen_at`)}`);
}

export async function seatExists(db: Queryable, seatId: string): Promise<boolean> {
  return (await db.get(sql`SELECT 1 AS x FROM seats WHERE seat_id = ${seatId}`)) !== undefined;
}

/** Whether IT flagged this seat as the import station (导入专机). */
export async function isImportStation(db: Queryable, seatId: string): Promise<boolean> {
  return (await db.get(sql`SELECT 1 AS x FROM seats WHERE seat_id = ${seatId} AND import_station = 1`)) !== undefined;
}

export async function isBound(db: Queryable, accountId: number, seatId: string): Promise<boolean> {
  return (
    (await db.get(sql`SELECT 1 AS x FROM seat_bindings WHERE account_id = ${accountId} AND seat_id = ${seatId}`)) !==
    undefined
  );
}

export async function seatsOf(db: Queryable, accountId: number): Promise<string[]> {
  const rows = await db.all<{ seat_id: string }>(
    sql`SELECT seat_id FROM seat_bindings WHERE account_id = ${accountId} ORDER BY seat_id`,
  );
  return rows.map((r) => r.seat_id);
}

/** Every seat with the ids of the accounts bound to it (the accounts domain names them). */
export async function listSeats(db: Queryable): Promise<(Omit<Seat, 'accounts'> & { accountIds: number[] })[]> {
  const seats = await db.all<{
    seat_id: string;
    label: string;
    import_station: number;
    first_seen_at: number;
    last_seen_at: number;
  }>(sql`SELECT * FROM seats ORDER BY seat_id`);
  const bindings = await db.all<{ seat_id: string; account_id: number }>(
    sql`SELECT seat_id, account_id FROM seat_bindings`,
  );
  return seats.map((s) => ({
    seatId: s.seat_id,
    label: s.label,
    importStation: s.import_station === 1,
    firstSeenAt: s.first_seen_at,
    lastSeenAt: s.last_seen_at,
    accountIds: bindings.filter((b) => b.seat_id === s.seat_id).map((b) => b.account_id),
  }));
}

/** A seat IT names before anyone has logged in there (a new workstation) is registered now. */
export async function registerSeat(tx: Queryable, id: string, at: number): Promise<void> {
  await tx.run(sql`INSERT INTO seats (seat_id, first_seen_at, last_seen_at, label) VALUES (${id}, ${at}, ${at}, 'registered by IT')
                   ON CONFLICT (seat_id) DO NOTHING`);
}

/** Frees every seat of an account (it was closed); who sat where stays in the access log. */
export async function unbindAll(tx: Queryable, accountId: number): Promise<void> {
  await tx.run(sql`DELETE FROM seat_bindings WHERE account_id = ${accountId}`);
}

export async function bindSeat(
  tx: Queryable,
  accountId: number,
  seatId: string,
  by: number,
  at: number,
): Promise<boolean> {
  const r =
    await tx.run(sql`INSERT INTO seat_bindings (account_id, seat_id, bound_at, bound_by) VALUES (${accountId}, ${seatId}, ${at}, ${by})
                             ON CONFLICT DO NOTHING`);
  return r.changes > 0;
}

export async function unbindSeat(tx: Queryable, accountId: number, seatId: string): Promise<boolean> {
  const r = await tx.run(sql`DELETE FROM seat_bindings WHERE account_id = ${accountId} AND seat_id = ${seatId}`);
  return r.changes > 0;
}

export async function flagImportStation(tx: Queryable, seatId: string, on: boolean): Promise<void> {
  await tx.run(sql`UPDATE seats SET import_station = ${on ? 1 : 0} WHERE seat_id = ${seatId}`);
}
