/**
 * A signed-in user on this seat. Before every call the router has it re-read the account (a
 * closed account, a new role or a removed seat binding applies at once) and check its age; its
 * actions write their access-log event in the same transaction as the action.
 */
import type { AuditAction, DetailOf } from '../../../shared/audit-actions';
import type { SessionInfo } from '../../../shared/contract';
import { PERMISSIONS, type Permission } from '../../../shared/permissions';
import type { NewEvent } from '../audit/audit-log';
import type { Ceremony } from '../ceremony/ceremony';
import { accountById, setPassword, type Account } from '../accounts/account-repository';
import { recordPassword, reusesRecent } from '../accounts/password-history';
import { isBound } from '../seats/seat-repository';
import { fail } from '../errors';
import type { RotationPlan } from '../vault/key-rotation';
import type { Undo, Vault } from '../vault/vault';
import type { Queryable } from '../store/store';
import { assertAcceptablePassword } from '../accounts/password-acceptance';

/** Why the user must change their password before anything else (null: no need). */
export type PasswordChange = 'expired' | 'oneTime' | null;
export type EndReason = 'logout' | 'locked' | 'expired' | 'closed' | 'replaced';

const DAY = 86_400_000;

export class Session {
  private ended: EndReason | null = null;
  /** Ceremonies this session's seat is running (ceremony/ceremony.ts): a lock stops them first. */
  readonly ceremonies = new Set<Ceremony>();
  /** On the monotonic clock: when the session began, and when the password was last entered. */
  private readonly startedMono: number;
  private lastAuthMono: number;

  constructor(
    readonly vault: Vault,
    public account: Account,
    readonly startedAt: number,
    public passwordChange: PasswordChange,
  ) {
    this.startedMono = vault.env.monotonic();
    this.lastAuthMono = this.startedMono;
  }

  get active(): boolean {
    return this.ended === null;
  }

  get endReason(): EndReason | null {
    return this.ended;
  }

  info(): SessionInfo {
    const p = this.vault.policy;
    return {
      username: this.account.username,
      displayName: this.account.displayName,
      role: this.account.role,
      seatId: this.vault.seatId,
      store: this.vault.kind,
      permissions: PERMISSIONS.filter((x) => this.can(x)),
      startedAt: this.startedAt,
      passwordChange: this.passwordChange,
      passwordExpiresAt: this.account.passwordChangedAt + p.passwordMaxAgeDays * DAY,
      policy: {
        passwordMinLength: p.passwordMinLength,
        passwordClasses: p.passwordClasses,
        passwordExpiryWarningDays: p.passwordExpiryWarningDays,
        curtainSeconds: p.curtainSeconds,
        lockSeconds: p.lockSeconds,
        sessionMaxHours: p.sessionMaxHours,
      },
    };
  }

  can(permission: Permission): boolean {
    return this.vault.matrix[this.account.role].includes(permission);
  }

  /** An event by this user on this seat, now; its detail is typed by the action registry. */
  event<A extends AuditAction>(
    action: A,
    outcome: NewEvent['outcome'],
    object: string | null,
    detail: DetailOf<A>,
  ): NewEvent {
    return {
      at: this.vault.now(),
      actor: this.account.username,
      actorId: this.account.id,
      seat: this.vault.seatId,
      action,
      object,
      outcome,
      detail,
    };
  }

  /** Runs an action and its access-log event in one transaction; undoes keyring writes on failure. */
  async audited<T>(work: (tx: Queryable, undo: Undo[]) => Promise<{ value: T; event: NewEvent }>): Promise<T> {
    this.assertActive();
    const undo: Undo[] = [];
    try {
      return await this.vault.db.transaction(async (tx) => {
        const { value, event } = await work(tx, undo);
        await this.vault.audit.append(tx, event);
        return value;
      });
    } catch (err) {
      for (const u of undo.reverse()) await u();
      throw err;
    }
  }

  /**
   * Runs an action that replaces the vault key (closing an account, IT's rotation): its changes
   * and events commit with the rotation. A rotation that fails after its commit closes the
   * vault, and with it this session: the next login finishes it (docs/keyring-format.md).
   */
  async rotatingKey(
    reason: RotationPlan['reason'],
    work: (tx: Queryable) => Promise<NewEvent[]>,
    options: Pick<RotationPlan, 'dropAccountId' | 'note'> = {},
  ): Promise<void> {
    this.assertActive();
    const by = {
      at: this.vault.now(),
      actor: this.account.username,
      actorId: this.account.id,
      seat: this.vault.seatId,
    };
    try {
      await this.vault.rotateKey({ reason, work, by, ...options });
    } catch (err) {
      if (!this.vault.isOpen) this.ended = 'locked';
      throw err;
    }
  }

  /** Logs an attempt that was refused or failed (the action itself did nothing). */
  async logAttempt<A extends AuditAction>(action: A, outcome: 'denied' | 'failed', detail: DetailOf<A>): Promise<void> {
    await this.log(this.event(action, outcome, null, detail));
  }

  /** Logs an event that comes with no change of its own (a verify, an export). */
  async log(event: NewEvent): Promise<void> {
    this.assertActive();
    await this.vault.log(event);
  }

  private assertActive(): void {
    if (this.ended === 'expired') fail('NO_SESSION', 'session.expired');
    if (this.ended === 'closed') fail('NO_SESSION', 'session.closed');
    if (this.ended) fail('NO_SESSION', 'session.none');
  }

  /**
   * Re-reads the account and checks the session's absolute lifetime before every call, so
   * closing an account, changing its role or unbinding its seat applies at the next call.
   */
  async refresh(): Promise<void> {
    this.assertActive();
    if (this.vault.env.monotonic() - this.startedMono >= this.vault.policy.sessionMaxHours * 3_600_000) {
      await this.end('expired');
      fail('NO_SESSION', 'session.expired');
    }
    const account = await this.readOwnAccount();
    const unbound =
      this.vault.policy.seatBinding === 'enforce' &&
      !(await isBound(this.vault.db, this.account.id, this.vault.seatId));
    if (!account || account.state !== 'active' || unbound) {
      await this.end('closed');
      fail('NO_SESSION', 'session.closed');
    }
    this.account = account;
  }

  /**
   * After a rotation by another window or process this connection's key no longer opens the
   * database: the keyring on disk tells whether this account was closed or only must sign in
   * again. The session ends either way, its keys wiped.
   */
  private async readOwnAccount(): Promise<Account | undefined> {
    try {
      return await accountById(this.vault.db, this.account.id);
    } catch (err) {
      const elsewhere = await this.vault.rotatedElsewhere(this.account.id).catch(() => null);
      if (elsewhere === null) throw err;
      this.ended = elsewhere === 'closed' ? 'closed' : 'locked';
      await this.vault.close();
      fail('NO_SESSION', elsewhere === 'closed' ? 'session.closed' : 'session.keyRotated');
    }
  }

  /** Sensitive procedures (the router asks) need the password entered within the re-auth window. */
  requireRecentAuth(): void {
    const window = this.vault.policy.reauthMinutes * 60_000;
    if (this.vault.env.monotonic() - this.lastAuthMono > window) fail('REAUTH_REQUIRED', 'session.reauth');
  }

  /** Checks the password again; failures count towards the lockout like failed logins. */
  async reauthenticate(password: string): Promise<void> {
    await this.refresh();
    await this.vault.exclusive(() => this.checkPassword(password));
  }

  /** Under the login lock: counted before the KDF runs, cleared when the password is right. */
  private async checkPassword(password: string): Promise<void> {
    const check = await this.vault.checkPassword(this.account, password);
    if (check.ok) {
      this.lastAuthMono = this.vault.env.monotonic();
      return;
    }
    await this.logAttempt('session.reauth', 'failed', { failures: check.failures });
    if (check.lockedUntil !== null) {
      await this.logAttempt('lockout.locked', 'failed', { until: check.lockedUntil });
      await this.end('locked');
      fail('LOCKED_OUT', 'login.locked', { minutes: Math.ceil((check.lockedUntil - check.now) / 60_000) });
    }
    fail('AUTH_FAILED', 'login.failed');
  }

  /** Changes this user's own password: current one checked, rules, blocklist and history applied. */
  async changePassword(current: string, next: string): Promise<void> {
    await this.reauthenticate(current);
    const policy = this.vault.policy;
    if (next === current) fail('INPUT_REJECTED', 'password.reused', { count: policy.passwordHistory });
    assertAcceptablePassword(next, policy, {
      username: this.account.username,
      displayName: this.account.displayName,
      previous: current,
    });
    if (await reusesRecent(this.vault.db, this.account.id, next, policy.passwordHistory))
      fail('INPUT_REJECTED', 'password.reused', { count: policy.passwordHistory });
    const reason = this.passwordChange;
    await this.audited(async (tx, undo) => {
      const at = this.vault.now();
      await setPassword(tx, this.account.id, at, false);
      await recordPassword(tx, this.account.id, next, at);
      undo.push(await this.vault.putSlot(tx, this.account.username, this.account.id, next));
      return {
        value: null,
        event: this.event('password.changed', 'ok', this.account.username, { reason: reason ?? 'voluntary' }),
      };
    });
    this.passwordChange = null;
    this.account = (await accountById(this.vault.db, this.account.id)) ?? this.account;
  }

  /** Ends the session: the event is written, then the database closes and keys are wiped. */
  async end(reason: EndReason): Promise<void> {
    if (this.ended) return;
    // A ceremony's secrets go first, before any database work; its work in flight stops at its
    // next checkpoint and rolls back, then its transcript is logged with the sign-out.
    const ceremonies = [...this.ceremonies];
    for (const ceremony of ceremonies) ceremony.abort('cancelled');
    try {
      await Promise.all(ceremonies.map((c) => c.settled()));
      const transcripts = ceremonies.map((c) => c.takeEndEvent()).filter((e): e is NewEvent => e !== null);
      await this.vault.log(...transcripts, this.event('logout', 'ok', null, { reason }));
    } finally {
      this.ended = reason;
      await this.vault.close();
    }
  }

  logout(): Promise<void> {
    return this.end('logout');
  }
}
