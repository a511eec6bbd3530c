/**
 * What a signed-in session needs of its vault, whichever store holds it: the embedded one
 * (OpenVault: SQLCipher file, keyring.json, pre-login journal) or a floor's PostgreSQL server
 * (FloorVault: keyslots and lockout kept by the server). Domain code sees only this.
 */
import type { Matrix } from '../access/role-permissions';
import type { AuditLog, NewEvent } from '../audit/audit-log';
import type { CaseKeys } from '../cases/case-keys';
import type { Policy } from '../policy/policy';
import type { Queryable, Store } from '../store/store';
import type { VaultEnv } from './env';
import type { RotationPlan, StepHook } from './key-rotation';

/** Undo for a write outside the database, for when the database transaction fails after it. */
export type Undo = () => Promise<void>;

export type PasswordCheck =
  | { ok: true }
  /** `lockedUntil`: already locked (nothing was tried), or locked by this failure; else null. */
  | { ok: false; failures: number; lockedUntil: number | null; now: number; alreadyLocked: boolean };

export interface LockState {
  failures: number;
  lockedUntil: number | null;
}

export interface Vault {
  readonly kind: 'embedded' | 'floor';
  readonly vaultId: string;
  /** The folder this vault was opened from (on a floor: the one holding floor.json). */
  readonly dataDir: string;
  readonly seatId: string;
  readonly env: VaultEnv;
  readonly db: Store;
  readonly audit: AuditLog;
  policy: Policy;
  matrix: Matrix;
  readonly isOpen: boolean;

  /**
   * Before reading the access log: on a floor, chains every event committed so far (another
   * seat's too); on a station every event is chained as it is written, so nothing to do.
   */
  settleLog(): Promise<void>;
  /**
   * Logs events that come with no other change (a refused call, a verify, a sign-out): in a
   * transaction of their own; on a floor in one statement (audit_append).
   */
  log(...events: NewEvent[]): Promise<void>;
  /** The vault's time: never before the newest logged event, never backwards while open. */
  now(): number;
  reloadSettings(): Promise<void>;

  /**
   * Runs `work` excluding sign-ins and other password checks of this vault (the login lock
   * file on a station; the server's own row locks on a floor need nothing more).
   */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Checks an account's password, counted as a sign-in is: the failure recorded before
   * Argon2id runs, cleared when right; enough failures lock the account. Call inside exclusive().
   */
  checkPassword(
    account: { id: number; username: string },
    password: string,
    options?: { refuseWhileLocked?: boolean },
  ): Promise<PasswordCheck>;
  /** Lock state per username (absent: no failures). */
  lockStates(usernames: readonly string[]): Promise<Map<string, LockState>>;
  /** Lifts a lock early; returns how many failures it had. Call inside exclusive(). */
  clearLock(username: string): Promise<number>;
  /** The lockout settings changed: make them apply before sign-in too. */
  lockoutPolicyChanged(): Promise<void>;
  /** Adds or replaces an account's keyslot, in the caller's transaction where the store allows. */
  putSlot(tx: Queryable, username: string, accountId: number, password: string): Promise<Undo>;
  /** Replaces the vault key, or (floor) does the plan's work and drops the account's access. */
  rotateKey(plan: RotationPlan, onStep?: StepHook): Promise<void>;
  /**
   * The case keys (docs/case-data.md), read in `tx`; with `create`, made at the first import.
   * Null when none exist yet and `create` is false. The caller wipes them when done.
   */
  openCaseKeys(tx: Queryable, create: boolean): Promise<CaseKeys | null>;
  /** The key epoch and keyring generation in use. */
  keyringState(): { epoch: number; generation: number };
  /**
   * When a call failed: whether the vault key changed elsewhere (`closed`: this account's access
   * went with it; `rotated`: sign in again), or null.
   */
  rotatedElsewhere(accountId: number): Promise<'closed' | 'rotated' | null>;
  close(): Promise<void>;
}
