/** 专机专用 — IT binds accounts to seats and flags ceremony seats (the import station). */
import { accountByUsername, listAccounts } from '../accounts/account-repository';
import { fail } from '../errors';
import { normaliseUsername } from '../keyring/keyring';
import type { Session } from '../session/session';
import {
  bindSeat,
  flagImportStation,
  listSeats,
  registerSeat,
  seatExists,
  unbindSeat,
  type Seat,
} from './seat-repository';

/** Every seat the vault has seen, with the usernames bound to it. */
export async function seats(session: Session): Promise<Seat[]> {
  const db = session.vault.db;
  const names = new Map((await listAccounts(db)).map((a) => [a.id, a.username]));
  return (await listSeats(db)).map(({ accountIds, ...seat }) => ({
    ...seat,
    accounts: accountIds
      .map((id) => names.get(id) ?? '')
      .filter(Boolean)
      .sort(),
  }));
}

/** Seat ids arrive canonical: the contract's SeatIdSchema parsed them. */
export async function bind(session: Session, username: string, seatId: string): Promise<void> {
  await session.audited(async (tx) => {
    const account = await accountByUsername(tx, normaliseUsername(username));
    if (!account) fail('INPUT_REJECTED', 'account.unknown');
    if (account.state === 'closed') fail('INPUT_REJECTED', 'account.closed');
    const at = session.vault.now();
    await registerSeat(tx, seatId, at);
    const added = await bindSeat(tx, account.id, seatId, session.account.id, at);
    return {
      value: null,
      event: session.event('seat.bound', 'ok', account.username, { seat: seatId, alreadyBound: !added }),
    };
  });
}

export async function unbind(session: Session, username: string, seatId: string): Promise<void> {
  await session.audited(async (tx) => {
    const account = await accountByUsername(tx, normaliseUsername(username));
    if (!account) fail('INPUT_REJECTED', 'account.unknown');
    if (!(await unbindSeat(tx, account.id, seatId))) fail('INPUT_REJECTED', 'seat.notBound');
    return { value: null, event: session.event('seat.unbound', 'ok', account.username, { seat: seatId }) };
  });
}

export async function flag(session: Session, seatId: string, importStation: boolean): Promise<void> {
  await session.audited(async (tx) => {
    if (!(await seatExists(tx, seatId))) fail('INPUT_REJECTED', 'seat.unknown');
    await flagImportStation(tx, seatId, importStation);
    return { value: null, event: session.event('seat.flagged', 'ok', seatId, { importStation }) };
  });
}
