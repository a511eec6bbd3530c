/**
 * A signed-in user on this seat. Every method checks the permission it needs and writes its
 * access-log event in the same transaction as its action.
 */
import type { Anchor, AuditFilter, AccountSummary, SessionInfo, VerifyReport, AuditEventView } from '../../shared/contract';
import { PERMISSIONS, roleHas, type Permission } from '../../shared/permissions';
import type { Role } from '../../shared/roles';
import type { NewEvent } from './audit/audit-log';
import { accountByUsername, insertAccount, listAccounts, summary, type Account } from './auth/accounts';
import { passwordProblems } from './auth/policy';
import { fail } from './errors';
import { normaliseUsername } from './keyring/keyring';
import type { Queryable } from './store/db';
import type { OpenVault } from './vault';

export interface AddAccountInput {
  username: string;
  displayName?: string | undefined;
  role: Role;
  password: string;
}

export class Session {
  private ended = false;

  constructor(
    readonly vault: OpenVault,
    readonly account: Account,
    readonly startedAt: number,
  ) {}

  info(): SessionInfo {
    return {
      username: this.account.username,
      displayName: this.account.displayName,
      role: this.account.role,
      seatId: this.vault.seatId,
      permissions: PERMISSIONS.filter((p) => this.can(p)),
      startedAt: this.startedAt,
    };
  }

  get active(): boolean {
    return !this.ended;
  }

  can(permission: Permission): boolean {
    return roleHas(this.account.role, permission);
  }

  /** An event by this user on this seat, now. */
  event(action: string, outcome: NewEvent['outcome'], object: string | null = null, detail: Record<string, unknown> = {}): NewEvent {
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

  /** Runs an action and its access-log event in one transaction. */
  async audited<T>(work: (tx: Queryable) => Promise<{ value: T; event: NewEvent }>): Promise<T> {
    this.assertActive();
    return this.vault.db.transaction(async (tx) => {
      const { value, event } = await work(tx);
      await this.vault.audit.append(tx, event);
      return value;
    });
  }

  /** Logs an attempt that was refused or failed (the action itself did nothing). */
  async logAttempt(action: string, outcome: 'denied' | 'failed', detail: Record<string, unknown> = {}): Promise<void> {
    this.assertActive();
    await this.vault.db.transaction((tx) => this.vault.audit.append(tx, this.event(action, outcome, null, detail)));
  }

  /** Refuses (and logs) a call the role may not make. */
  async require(permission: Permission, action: string): Promise<void> {
    this.assertActive();
    if (this.can(permission)) return;
    await this.logAttempt(action, 'denied', { permission });
    fail('NOT_PERMITTED', 'permission.denied');
  }

  private assertActive(): void {
    if (this.ended) fail('NO_SESSION', 'session.none');
  }

  async listAccounts(): Promise<AccountSummary[]> {
    await this.require('account.read', 'account.list');
    return (await listAccounts(this.vault.db)).map(summary);
  }

  async addAccount(input: AddAccountInput): Promise<AccountSummary> {
    await this.require('account.manage', 'account.add');
    const username = normaliseUsername(input.username);
    if (passwordProblems(input.password, this.vault.env.policy).length > 0)
      fail('INPUT_REJECTED', 'password.policy', { min: this.vault.env.policy.passwordMinLength });
    let undo: (() => Promise<void>) | null = null;
    try {
      return await this.audited(async (tx) => {
        if (await accountByUsername(tx, username)) fail('INPUT_REJECTED', 'account.exists');
        const at = this.vault.now();
        const id = await insertAccount(tx, {
          username,
          displayName: input.displayName?.trim() || username,
          role: input.role,
          at,
          createdBy: this.account.id,
          mustChangePassword: true,
        });
        undo = await this.vault.addSlot(username, id, input.password);
        const created = { username, displayName: input.displayName?.trim() || username, role: input.role, state: 'active' as const, createdAt: at };
        return { value: created, event: this.event('account.added', 'ok', username, { role: input.role }) };
      });
    } catch (err) {
      if (undo) await (undo as () => Promise<void>)();
      throw err;
    }
  }

  async listAudit(filter: Required<Pick<AuditFilter, 'limit'>> & AuditFilter): Promise<{ events: AuditEventView[]; total: number }> {
    await this.require('audit.read', 'audit.list');
    return this.vault.audit.list(this.vault.db, filter);
  }

  async verifyAudit(options: { anchor?: Anchor | undefined; onProgress?: (done: number, total: number) => void } = {}): Promise<VerifyReport> {
    await this.require('audit.verify', 'audit.verify');
    const report = await this.vault.audit.verify(this.vault.db, options);
    // The verification is logged after it ran, so the report describes the chain as it was.
    await this.vault.db.transaction((tx) =>
      this.vault.audit.append(
        tx,
        this.event('audit.verified', report.intact ? 'ok' : 'failed', null, {
          checked: report.checked,
          headSeq: report.headSeq,
          firstBrokenSeq: report.firstBrokenSeq,
          anchor: report.anchor,
          anchorSeq: options.anchor?.seq ?? null,
        }),
      ),
    );
    return report;
  }

  /** The chain head to copy into the paper ledger; its export is itself logged. */
  async exportAnchor(): Promise<Anchor> {
    await this.require('audit.anchor', 'audit.anchor');
    return this.audited(async (tx) => {
      const anchor = await this.vault.audit.anchor(tx, this.vault.now());
      return { value: anchor, event: this.event('audit.anchorExported', 'ok', null, { seq: anchor.seq, hash: anchor.hash }) };
    });
  }

  /** Streams every event for export; the export is logged before the first page is handed out. */
  async *exportAudit(format: 'jsonl' | 'csv'): AsyncGenerator<AuditEventView[]> {
    await this.require('audit.export', 'audit.export');
    await this.audited(() => Promise.resolve({ value: null, event: this.event('audit.exported', 'ok', null, { format }) }));
    yield* this.vault.audit.scan(this.vault.db);
  }

  /** Logs out: the event is written, then the database closes and keys are wiped. */
  async logout(reason: 'logout' | 'locked' | 'expired' = 'logout'): Promise<void> {
    if (this.ended) return;
    try {
      await this.audited(() => Promise.resolve({ value: null, event: this.event('logout', 'ok', null, { reason }) }));
    } finally {
      this.ended = true;
      await this.vault.close();
    }
  }
}
