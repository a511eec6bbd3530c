/** 专机专用 — IT binds accounts to seats and flags ceremony seats (the import station). */
import { accountByUsername } from '../accounts/account-repository';
import { bindSeat, flagImportStation, listSeats, seatExists, unbindSeat, type Seat } from './seat-repository';
import { fail } from '../errors';
import { normaliseUsername } from '../keyring/keyring';
import type { Session } from '../session/session';
import type { Queryable } from '../store/db';
import { sql } from '../store/sql';

const SEAT_ID = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/** A seat id as `seat id` prints it (any letter case); refuses anything else. */
export function parseSeatId(raw: string): string {
  const id = raw.trim().toUpperCase();
  if (!SEAT_ID.test(id)) fail('INPUT_REJECTED', 'seat.invalid');
  return id;
}

/** A seat IT names before anyone has logged in there (a new workstation) is registered now. */
async function registerSeat(tx: Queryable, id: string, at: number): Promise<void> {
  await tx.run(sql`INSERT INTO seats (seat_id, first_seen_at, last_seen_at, label) VALUES (${id}, ${at}, ${at}, 'registered by IT')
                   ON CONFLICT (seat_id) DO NOTHING`);
}

export async function seats(session: Session): Promise<Seat[]> {
  await session.require('seat.read', 'seat.list');
  return listSeats(session.vault.db);
}

export async function bind(session: Session, username: string, rawSeat: string): Promise<void> {
  await session.require('seat.manage', 'seat.bind');
  session.requireRecentAuth();
  const id = parseSeatId(rawSeat);
  await session.audited(async (tx) => {
    const account = await accountByUsername(tx, normaliseUsername(username));
    if (!account) fail('INPUT_REJECTED', 'account.unknown');
    if (account.state === 'closed') fail('INPUT_REJECTED', 'account.closed');
    const at = session.vault.now();
    await registerSeat(tx, id, at);
    const added = await bindSeat(tx, account.id, id, session.account.id, at);
    return {
      value: null,
      event: session.event('seat.bound', 'ok', account.username, { seat: id, alreadyBound: !added }),
    };
  });
}

export async function unbind(session: Session, username: string, rawSeat: string): Promise<void> {
  await session.require('seat.manage', 'seat.unbind');
  session.requireRecentAuth();
  const id = parseSeatId(rawSeat);
  await session.audited(async (tx) => {
    const account = await accountByUsername(tx, normaliseUsername(username));
    if (!account) fail('INPUT_REJECTED', 'account.unknown');
    if (!(await unbindSeat(tx, account.id, id))) fail('INPUT_REJECTED', 'seat.notBound');
    return { value: null, event: session.event('seat.unbound', 'ok', account.username, { seat: id }) };
  });
}

export async function flag(session: Session, rawSeat: string, importStation: boolean): Promise<void> {
  await session.require('seat.manage', 'seat.flag');
  session.requireRecentAuth();
  const id = parseSeatId(rawSeat);
  await session.audited(async (tx) => {
    if (!(await seatExists(tx, id))) fail('INPUT_REJECTED', 'seat.unknown');
    await flagImportStation(tx, id, importStation);
    return { value: null, event: session.event('seat.flagged', 'ok', id, { importStation }) };
  });
}
