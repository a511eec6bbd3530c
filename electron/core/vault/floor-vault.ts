/**
 * A vault on a floor's PostgreSQL server, signed in: the session-bound store, the keys of the
 * current VMK (held here, never sent), policy and role matrix. Keyslots and lockout counters
 * live on the server, reachable only through its functions (docs/floor-schema.md); there is no
 * keyring file and no pre-login journal, and nothing outside the database to keep in step.
 */
import { AuditLog, type NewEvent } from '../audit/audit-log';
import { readFloorInfo, type FloorFacts } from '../floor/floor-info';
import { takeSignInEvents } from '../floor/sign-in-events';
import { randomBytes } from 'node:crypto';
import { fail, VaultError } from '../errors';
import { chainHeld, takeChainLock } from '../audit/audit-pending';
import { CaseKeys, rewrapCaseMaster } from '../cases/case-keys';
import { lockAccounts, resealAccounts } from '../accounts/account-repository';
import { keysOf, wipeEpochKeys, type EpochKeys } from '../keyring/epoch-keys';
import { copyEpoch, fieldKeysOfEpochs, storeFloorRotation } from '../keyring/floor-rotation';
import { authKeyOf, authProof } from '../keyring/floor-auth';
import { FieldCipher, fieldKeysOf } from '../keyring/field-cipher';
import { deriveKek, newKdfParams } from '../keyring/kdf';
import { slotUnderKek, usernameLookup } from '../keyring/keyring';
import { deriveSeatId } from '../seats/seat-id';
import { lockedUntilOf, parseKdf } from '../session/floor-sign-in';
import type { PgStore } from '../store/pg-store';
import { sql } from '../store/sql';
import type { Queryable } from '../store/store';
import type { VaultEnv } from './env';
import type { RotationPlan } from './key-rotation';
import { SessionStore } from './session-store';
import type { LockState, PasswordCheck, Undo, Vault } from './vault';
import { VaultBase } from './vault-base';

const SWEEP_MS = 1_000;
/** After a write, the chaining round waits this long, so a burst of writes is chained in one. */
const CHAIN_DELAY_MS = 20;
/**
 * After a round that chained nothing (another seat's round took our rows, or holds the lock),
 * the next waits this long: one busy seat chains for all, and the others stop asking for it.
 */
const CHAIN_IDLE_MS = 250;
/** floor_generation_bump() NOTIFYs this at commit (electron/core/floor/migrations/0004-floor.pg.ts). */
const SETTINGS_CHANNEL = 'strongroom_settings';

export class FloorVault extends VaultBase implements Vault {
  readonly kind = 'floor';
  readonly vaultId: string;
  readonly seatId: string;
  readonly db: SessionStore;
  audit: AuditLog;
  private closed = false;
  /** Chaining runs on a hook-free view of the same session (its commits chain nothing more). */
  private readonly chainDb: SessionStore;
  /** Chains what other seats left unchained (a seat that died right after its commit). */
  private readonly sweeper: NodeJS.Timeout;
  /** floor_info's generation the policy and matrix in hand were read at. */
  private generation: number;
  private following = false;
  private chainScheduled = false;
  /** Chaining rounds in flight: close() lets them finish before it wipes the keys. */
  private readonly rounds = new Set<Promise<number>>();
  private chainDelay = CHAIN_DELAY_MS;
  private unlisten: (() => Promise<void>) | null = null;

  constructor(
    readonly dataDir: string,
    private readonly server: PgStore,
    private readonly token: Buffer,
    private facts: FloorFacts,
    private vmk: Buffer,
    private epochs: EpochKeys[],
    readonly env: VaultEnv,
  ) {
    super();
    this.vaultId = facts.vaultId;
    server.fields.use(new FieldCipher(fieldKeysOfEpochs(epochs, vmk, facts.epoch, facts.vaultId), facts.vaultId));
    this.db = new SessionStore(server, token);
    this.audit = new AuditLog(
      epochs.map((e) => ({ firstSeq: e.firstSeq, key: Buffer.from(e.auditKey) })),
      facts.vaultId,
    );
    this.seatId = deriveSeatId(facts.vaultId, env.machineId());
    this.chainDb = this.db.withoutHook();
    // After a write: a chaining round soon, in the background (one at a time per seat), unless
    // another seat is chaining; readers of the log settle it first, so nothing waits on this.
    this.db.afterWrite = () => {
      this.chainSoon();
      return Promise.resolve();
    };
    this.generation = facts.generation;
    this.sweeper = setInterval(() => {
      void this.chain(false);
      void this.followSettings();
    }, SWEEP_MS);
    this.sweeper.unref();
  }

  /**
   * Policy and the role matrix as the floor has them now: floor_info's generation moves in the
   * transaction of every change (a trigger), so a higher one means re-read. Asked on a NOTIFY
   * (a hint only), at every sweep, and so at most SWEEP_MS after a change on another seat.
   */
  async followSettings(): Promise<void> {
    if (this.closed || this.following) return;
    this.following = true;
    try {
      const info = await readFloorInfo(this.server);
      if (info && info.generation > this.generation) {
        await this.reloadSettings();
        this.generation = info.generation;
      }
    } catch {
      // The next sweep asks again; a call that needs the server reports what is wrong.
    } finally {
      this.following = false;
    }
  }

  /** Starts listening for the settings hint; without it the sweep alone keeps settings fresh. */
  async listenForSettings(): Promise<void> {
    this.unlisten = await this.server.listen(SETTINGS_CHANNEL, () => void this.followSettings()).catch(() => null);
  }

  private chainSoon(): void {
    if (this.chainScheduled || this.closed) return;
    this.chainScheduled = true;
    setTimeout(() => {
      void this.chain(false)
        .then((chained) => {
          this.chainDelay = chained > 0 ? CHAIN_DELAY_MS : CHAIN_IDLE_MS;
        })
        .finally(() => {
          this.chainScheduled = false;
        });
    }, this.chainDelay).unref();
  }

  /** A round; how many rows it chained (0 when another seat's round holds the lock, or it failed). */
  private async chain(wait: boolean): Promise<number> {
    if (this.closed) return 0;
    const round = this.audit.chainPending(this.chainDb, wait);
    this.rounds.add(round);
    try {
      return await round;
    } catch (err) {
      // A round that fails leaves the rows pending for the next; a reader waiting on it must know.
      if (wait) throw err;
      return 0;
    } finally {
      this.rounds.delete(round);
    }
  }

  /** One statement: audit_append checks the session itself, so no BEGIN, act_as or COMMIT. */
  override async log(...events: NewEvent[]): Promise<void> {
    await this.db.alone((token) => this.audit.appendAlone(this.server.fields, token, events));
  }

  /** Chains everything committed so far, waiting for a round another seat is running. */
  async settleLog(): Promise<void> {
    await this.chain(true);
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  private lookupOf(username: string): string {
    return usernameLookup(this.facts.lookupSalt, username);
  }

  /** The server's functions take their own row locks: nothing to add on this side. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    return work();
  }

  /**
   * The same two steps as a sign-in (the failure committed by auth_begin before Argon2id runs);
   * a right password opens a second app session, which is signed out at once.
   */
  async checkPassword(
    account: { id: number; username: string },
    password: string,
    _options: { refuseWhileLocked?: boolean } = {},
  ): Promise<PasswordCheck> {
    const lookup = this.lookupOf(account.username);
    let begun: { ticket: number; challenge: Buffer; kdf: string; failures: number; locks_until: number | null };
    try {
      begun = (await this.server.get(
        sql`SELECT ticket, challenge, kdf, failures, locks_until FROM auth_begin(${lookup}, ${this.token})`,
      ))!;
    } catch (err) {
      const locked = lockedUntilOf(err);
      if (!locked) throw err;
      // The server refuses a locked name before counting anything (on either path).
      return { ok: false, failures: 0, lockedUntil: locked.until, now: locked.now, alreadyLocked: true };
    }
    const kek = await deriveKek(password, parseKdf(begun.kdf));
    const authKey = authKeyOf(kek, this.vaultId);
    kek.fill(0);
    const proof = authProof(authKey, begun.challenge);
    authKey.fill(0);
    const row = await this.server.get<{ session_token: Buffer }>(
      sql`SELECT session_token FROM auth_finish(${begun.ticket}, ${proof})`,
    );
    if (row) {
      await this.server.get(sql`SELECT end_session(${row.session_token}) AS ended`);
      return { ok: true };
    }
    return {
      ok: false,
      failures: begun.failures,
      lockedUntil: begun.locks_until,
      now: this.now(),
      alreadyLocked: false,
    };
  }

  async lockStates(usernames: readonly string[]): Promise<Map<string, LockState>> {
    const byLookup = new Map(usernames.map((u) => [this.lookupOf(u), u]));
    const rows = await this.server.all<{ lookup: string; failures: number; locked_until: number | null }>(
      sql`SELECT lookup, failures, locked_until FROM login_states(${this.token}, ${[...byLookup.keys()].join(',')})`,
    );
    const out = new Map<string, LockState>();
    for (const r of rows) {
      const name = byLookup.get(r.lookup);
      if (name !== undefined) out.set(name, { failures: r.failures, lockedUntil: r.locked_until });
    }
    return out;
  }

  async clearLock(username: string): Promise<number> {
    const lookup = this.lookupOf(username);
    const row = await this.server.get<{ failures: number }>(
      sql`SELECT login_reset(${this.token}, ${lookup}) AS failures`,
    );
    return row?.failures ?? 0;
  }

  /** Nothing to copy: auth_begin reads the lockout settings from the policy table itself. */
  lockoutPolicyChanged(): Promise<void> {
    return Promise.resolve();
  }

  /** Written by keyslot_put in the caller's transaction: it commits or rolls back with it. */
  async putSlot(tx: Queryable, username: string, accountId: number, password: string): Promise<Undo> {
    const kdf = newKdfParams();
    const kek = await deriveKek(password, kdf);
    try {
      const place = { vaultId: this.vaultId, epoch: this.facts.epoch, lookupSalt: this.facts.lookupSalt };
      const slot = slotUnderKek(place, { username, id: accountId }, kek, kdf, this.vmk);
      const authKey = authKeyOf(kek, this.vaultId);
      await tx.get(
        sql`SELECT keyslot_put(${this.token}, ${accountId}, ${slot.lookup}, ${JSON.stringify(slot)}, ${authKey}, ${this.facts.epoch}) AS done`,
      );
      authKey.fill(0);
    } finally {
      kek.fill(0);
    }
    return () => Promise.resolve();
  }

  /**
   * Replaces the floor's vault key (docs/floor-schema.md, "Replacing the vault key"), with the
   * plan's own changes (closing an account: its sessions end too) in the same transaction. The
   * transaction takes the chain lock and chains what the old key vouches for, so the new epoch's
   * audit key starts right after; accounts are sealed again under the new field keys; the new
   * key goes to every active account's slot. Other sessions are refused from then on (they sign
   * in again); this one carries on under the new keys. It runs at read committed, to read the
   * log's head after the lock, so it locks the account rows its action checks.
   */
  async rotateKey(plan: RotationPlan): Promise<void> {
    if (this.closed) fail('NO_SESSION', 'session.locked');
    const vmk = randomBytes(32);
    const epoch = this.facts.epoch + 1;
    let next: { epochs: EpochKeys[]; audit: AuditLog; fields: FieldCipher } | undefined;
    // The field seal this session used before the rotation's own event; null until swapped.
    const held: { before: ReturnType<PgStore['fields']['swap']>; swapped: boolean } = { before: null, swapped: false };
    const unswap = () => {
      if (!held.swapped) return;
      this.server.fields.swap(held.before!)?.wipe();
      held.swapped = false;
    };
    const dropNext = () => {
      if (!next) return;
      next.audit.wipe();
      wipeEpochKeys(next.epochs);
      next = undefined;
    };
    let committing = false;
    try {
      await this.db.transaction(
        async (tx) => {
          // A retried attempt starts again from the old keys.
          unswap();
          dropNext();
          committing = false;
          await takeChainLock(tx);
          // Another rotation may have committed while this one waited for the lock: then this
          // session is behind (SR006, sign in again), and row-level security would hide the log.
          await tx.get(sql`SELECT act_as(${this.token}) AS account`);
          await lockAccounts(tx);
          const events = await plan.work(tx);
          if (plan.dropAccountId !== undefined)
            await tx.get(sql`SELECT close_sessions(${this.token}, ${plan.dropAccountId}) AS closed`);
          if (events.length > 0) await this.audit.append(tx, ...events);
          // Everything the old key vouches for is chained under it; the new key starts after.
          await chainHeld(tx, this.audit);
          const firstSeq = (await this.audit.head(tx)).seq + 1;
          const fresh: EpochKeys = {
            ...keysOf(vmk, this.vaultId, epoch, firstSeq, plan.by.at),
            fields: fieldKeysOf(vmk, this.vaultId),
          };
          const current = fieldKeysOfEpochs(this.epochs, this.vmk, this.facts.epoch, this.vaultId);
          const epochs = [...this.epochs.map((e, i) => copyEpoch(e, current[i]!)), fresh];
          const fields = new FieldCipher(
            epochs.map((e) => e.fields!),
            this.vaultId,
          );
          next = { epochs, audit: this.audit.withEpoch(firstSeq, Buffer.from(fresh.auditKey)), fields };
          await resealAccounts(tx, fields);
          await rewrapCaseMaster(tx, this.vaultId, { vmk: this.vmk, epoch: epoch - 1 }, { vmk, epoch });
          const slots = await storeFloorRotation(tx, this.token, this.vaultId, vmk, epochs);
          // From here this session writes under the new epoch: its own event first.
          held.before = this.server.fields.swap(fields);
          held.swapped = true;
          await next.audit.append(tx, {
            ...plan.by,
            action: 'vault.keyRotated',
            object: this.vaultId,
            outcome: 'ok',
            detail: {
              reason: plan.reason,
              fromEpoch: epoch - 1,
              toEpoch: epoch,
              slots,
              ...(plan.note === undefined ? {} : { note: plan.note }),
            },
          });
          committing = true;
        },
        { isolation: 'read-committed' },
      );
    } catch (err) {
      unswap();
      dropNext();
      vmk.fill(0);
      if (committing) {
        // The COMMIT itself failed: whether it took is unknown, so these keys can't go on.
        await this.close().catch(() => undefined);
        if (err instanceof VaultError && err.code === 'UNAVAILABLE') throw err;
        fail('NO_SESSION', 'session.rotationInterrupted');
      }
      throw err;
    }
    const installed = next!;
    const old = { vmk: this.vmk, audit: this.audit, epochs: this.epochs };
    this.vmk = vmk;
    this.audit = installed.audit;
    this.epochs = installed.epochs;
    this.facts = { ...this.facts, epoch };
    held.before?.wipe();
    // Rounds in flight hold the old log: its keys go once they end (they chain nothing now).
    await Promise.allSettled([...this.rounds]);
    old.vmk.fill(0);
    old.audit.wipe();
    wipeEpochKeys(old.epochs);
  }

  /** What the sign-in functions saw since the last sign-in, taken in `tx` (floor/sign-in-events.ts). */
  signInEvents(tx: Queryable, database: string): Promise<NewEvent[]> {
    return takeSignInEvents(tx, this.token, database);
  }

  openCaseKeys(tx: Queryable, create: boolean): Promise<CaseKeys | null> {
    if (this.closed) fail('NO_SESSION', 'session.locked');
    return CaseKeys.open(tx, this.vmk, this.vaultId, this.facts.epoch, create);
  }

  keyringState(): { epoch: number; generation: number } {
    return { epoch: this.facts.epoch, generation: this.facts.generation };
  }

  /**
   * When a call failed, whether it was because the app session is gone (the account was closed,
   * or IT ended its sessions) or the floor's vault key was replaced since it opened.
   */
  async rotatedElsewhere(): Promise<'closed' | 'rotated' | null> {
    return this.server
      .transaction((tx) => tx.get(sql`SELECT act_as(${this.token}) AS account`))
      .then(() => null)
      .catch((err: unknown) =>
        err instanceof VaultError && err.key === 'session.keyRotated' ? ('rotated' as const) : ('closed' as const),
      );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.sweeper);
    await this.unlisten?.();
    // A round in flight still needs the audit keys: wiped under it, it would fail (audit-log.ts).
    await Promise.allSettled([...this.rounds]);
    this.vmk.fill(0);
    this.audit.wipe();
    wipeEpochKeys(this.epochs);
    await this.db.close();
  }
}
