/**
 * What both kinds of open vault keep the same way: policy and the role matrix as last read, and
 * the vault's time — the wall clock, but never before the newest event in the access log (read
 * at unlock, not from any file outside the database), and never going backwards while open.
 * Events, password expiry and the ledger use it; setting the clock back moves none.
 */
import { loadMatrix, type Matrix } from '../access/role-permissions';
import type { AuditLog, NewEvent } from '../audit/audit-log';
import { loadPolicy } from '../policy/policy-repository';
import type { Policy } from '../policy/policy';
import type { Store } from '../store/store';
import type { VaultEnv } from './env';

export abstract class VaultBase {
  policy!: Policy;
  matrix!: Matrix;
  private timeFloor = 0;

  abstract readonly db: Store;
  abstract readonly env: VaultEnv;
  abstract readonly audit: AuditLog;

  /** Re-reads the policy and the role × permission matrix (after unlock and after edits). */
  async reloadSettings(): Promise<void> {
    this.policy = await loadPolicy(this.db);
    this.matrix = await loadMatrix(this.db);
  }

  async log(...events: NewEvent[]): Promise<void> {
    await this.db.transaction((tx) => this.audit.append(tx, ...events));
  }

  now(): number {
    this.timeFloor = Math.max(this.env.clock.now(), this.timeFloor);
    return this.timeFloor;
  }

  /** Reads the newest event time, below which now() never goes. */
  async loadTimeFloor(): Promise<void> {
    await this.settleLog();
    this.timeFloor = Math.max(this.timeFloor, await this.audit.newestAt(this.db));
  }

  abstract settleLog(): Promise<void>;
}
