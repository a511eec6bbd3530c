/**
 * 账号管理台账 — the daily account ledger: for one day (in the seat's zone), every account with
 * its seats, role, state and logins, and every change to accounts, roles and seats that day.
 */
import type { AuditEventView } from '../../../shared/contract';
import { accountDetails } from '../accounts/account-admin';
import { SEAT_OFFSET_MS } from '../../../shared/seat-day';
import { fail } from '../errors';
import type { Session } from '../session/session';

/** Asia/Shanghai has no daylight saving: a fixed UTC+8 day (shared/seat-day.ts). */
const SEAT_ZONE_OFFSET_MS = SEAT_OFFSET_MS;

export interface LedgerAccountRow {
  username: string;
  displayName: string;
  role: string;
  state: string;
  seats: string[];
  logins: number;
  failedLogins: number;
  firstLoginAt: number | null;
  lastLoginAt: number | null;
}

export interface AccountLedger {
  date: string;
  from: number;
  to: number;
  generatedAt: number;
  generatedBy: string;
  seat: string;
  vaultId: string;
  accounts: LedgerAccountRow[];
  changes: AuditEventView[];
}

const CHANGE_ACTIONS = [
  'vault.created',
  'account.added',
  'account.reset',
  'account.unlocked',
  'account.closed',
  'account.roleChanged',
  'password.changed',
  'lockout.locked',
  'preauth.lockout',
  'seat.bound',
  'seat.unbound',
  'seat.flagged',
  'role.permissionsChanged',
  'policy.changed',
];

export function dayBounds(date: string): { from: number; to: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) fail('INPUT_REJECTED', 'ledger.badDate');
  const start = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (Number.isNaN(start) || new Date(start).toISOString().slice(0, 10) !== date)
    fail('INPUT_REJECTED', 'ledger.badDate');
  return { from: start - SEAT_ZONE_OFFSET_MS, to: start - SEAT_ZONE_OFFSET_MS + 86_400_000 - 1 };
}

export function seatDate(at: number): string {
  return new Date(at + SEAT_ZONE_OFFSET_MS).toISOString().slice(0, 10);
}

export async function dailyLedger(session: Session, date: string): Promise<AccountLedger> {
  const { from, to } = dayBounds(date);
  await session.vault.settleLog();
  const accounts = await accountDetails(session);
  const db = session.vault.db;
  const logins = await session.vault.audit.tally(db, from, to, ['login.ok', 'login.failed', 'preauth.loginFailed']);
  const changes = await session.vault.audit.between(db, from, to, CHANGE_ACTIONS);
  const generatedAt = session.vault.now();
  const ledger: AccountLedger = {
    date,
    from,
    to,
    generatedAt,
    generatedBy: session.account.username,
    seat: session.vault.seatId,
    vaultId: session.vault.vaultId,
    accounts: accounts.map((a) => {
      const ok = logins.find((l) => l.actor === a.username && l.action === 'login.ok');
      const failed = logins.filter(
        (l) => l.actor === a.username && (l.action === 'login.failed' || l.action === 'preauth.loginFailed'),
      );
      return {
        username: a.username,
        displayName: a.displayName,
        role: a.role,
        state: a.state,
        seats: a.seats,
        logins: ok?.n ?? 0,
        failedLogins: failed.reduce((sum, l) => sum + l.n, 0),
        firstLoginAt: ok?.first ?? null,
        lastLoginAt: ok?.last ?? null,
      };
    }),
    changes,
  };
  await session.audited(() =>
    Promise.resolve({
      value: null,
      event: session.event('ledger.generated', 'ok', date, {
        accounts: ledger.accounts.length,
        changes: changes.length,
      }),
    }),
  );
  return ledger;
}
