/**
 * A ceremony (双人操作): two custodians in two named roles authenticate into it at one seat, one
 * after the other, each typing only their own half of a split secret. It is its own thing, not a
 * second sign-in: the workstation's session is untouched. Every attempt counts towards that
 * account's lockout and is logged; the same account never fills both places. It holds its
 * secrets only in memory and wipes them the moment it ends, however it ends: committed, refused,
 * failed, cancelled, abandoned when idle, or when the workstation locks (synchronously, before any
 * database work). The import uses it first; destruction, recordings and backups reuse it.
 */
import { randomUUID } from 'node:crypto';
import {
  CEREMONY_ROLES,
  type CeremonyKind,
  type CeremonyOutcome,
  type CustodianSlot,
} from '../../../shared/ceremonies';
import type { DetailOf } from '../../../shared/audit-actions';
import type { NewEvent } from '../audit/audit-log';
import { fail, VaultError } from '../errors';
import type { Session } from '../session/session';
import { authenticateCustodian, type Custodian } from './custodian-auth';

export type CeremonyState = 'open' | 'ended';
export type Transcript = Omit<
  DetailOf<'ceremony.ended'>,
  'kind' | 'outcome' | 'custodianA' | 'custodianB' | 'startedAt'
>;

/** Why a ceremony stopped without its owner asking (the lock, the idle limit). */
export class CeremonyAborted extends VaultError {
  constructor(readonly outcome: 'cancelled' | 'abandoned') {
    super('NOT_PERMITTED', outcome === 'cancelled' ? 'ceremony.cancelled' : 'ceremony.abandoned');
  }
}

export class Ceremony {
  readonly id = randomUUID();
  readonly startedAt: number;
  readonly custodians: Partial<Record<CustodianSlot, Custodian>> = {};
  private readonly halves: Partial<Record<CustodianSlot, Buffer>> = {};
  private readonly wipers = new Set<() => void>();
  private lastActive: number;
  private ended: CeremonyOutcome | null = null;
  private loggedEnd = false;
  private inFlight: Promise<unknown> = Promise.resolve();
  /** What the ceremony learnt on the way, for its transcript. */
  transcript: Transcript = {};

  constructor(
    readonly kind: CeremonyKind,
    readonly session: Session,
  ) {
    this.startedAt = session.vault.now();
    this.lastActive = session.vault.env.monotonic();
    session.ceremonies.add(this);
  }

  get state(): CeremonyState {
    return this.ended ? 'ended' : 'open';
  }

  get outcome(): CeremonyOutcome | null {
    return this.ended;
  }

  /** The idle limit: the seat's lock delay (policy.lockSeconds). */
  private get idleLimitMs(): number {
    return this.session.vault.policy.lockSeconds * 1000;
  }

  idleFor(): number {
    return this.session.vault.env.monotonic() - this.lastActive;
  }

  /** Every step calls this first: refuses a ceremony that ended, abandons one left idle too long. */
  async step(): Promise<void> {
    if (this.ended === 'cancelled' || this.ended === 'abandoned') throw new CeremonyAborted(this.ended);
    if (this.ended) fail('NOT_PERMITTED', 'ceremony.ended');
    if (this.idleFor() > this.idleLimitMs) {
      await this.end('abandoned', 'ceremony.abandoned');
      throw new CeremonyAborted('abandoned');
    }
    this.lastActive = this.session.vault.env.monotonic();
  }

  /** Throws once the ceremony was stopped from outside (long work checks it between chunks). */
  checkpoint(): void {
    if (this.ended === 'cancelled' || this.ended === 'abandoned') throw new CeremonyAborted(this.ended);
  }

  /**
   * Runs one step's work, tracked, so a lock can wait for it to unwind (it stops at its next
   * checkpoint) before the session's database closes.
   */
  track<T>(work: Promise<T>): Promise<T> {
    this.inFlight = work.catch(() => undefined);
    return work;
  }

  /** Resolves once the work in flight has finished or unwound. */
  settled(): Promise<unknown> {
    return this.inFlight;
  }

  /** Registers a key or buffer the ceremony's work holds, to be wiped when it ends. */
  holds(wipe: () => void): void {
    if (this.ended) {
      wipe();
      return;
    }
    this.wipers.add(wipe);
  }

  /**
   * A custodian authenticates into `slot` (the role the ceremony's kind names there; never the
   * account in the other place) and gives their half of the secret.
   */
  async admit(slot: CustodianSlot, username: string, password: string, half: string): Promise<Custodian> {
    await this.step();
    if (this.custodians[slot]) fail('NOT_PERMITTED', 'ceremony.slotFilled');
    if (slot === 'B' && !this.custodians.A) fail('NOT_PERMITTED', 'ceremony.aFirst');
    const other = this.custodians[slot === 'A' ? 'B' : 'A'];
    const custodian = await authenticateCustodian(
      this,
      slot,
      { username, password },
      CEREMONY_ROLES[this.kind][slot],
      other,
    );
    this.checkpoint();
    if (half.length === 0 || half.length > 256) fail('INPUT_REJECTED', 'ceremony.halfMissing');
    this.custodians[slot] = custodian;
    this.halves[slot] = Buffer.from(half, 'utf8');
    return custodian;
  }

  /** A's half then B's: the whole secret, in a buffer the caller wipes (and the ceremony too). */
  secret(): Buffer {
    const { A, B } = this.halves;
    if (!A || !B) fail('NOT_PERMITTED', 'ceremony.custodiansMissing');
    const joined = Buffer.concat([A, B]);
    this.holds(() => joined.fill(0));
    return joined;
  }

  /** Wipes every secret now, synchronously: what a lock does first. */
  private wipe(): void {
    for (const half of Object.values(this.halves)) half?.fill(0);
    for (const wipe of this.wipers) wipe();
    this.wipers.clear();
  }

  /**
   * Stops the ceremony from outside (the workstation locks, the session ends): secrets wiped at
   * once, before any database work; the work in flight stops at its next checkpoint and rolls
   * back. The caller logs the transcript (`endedEvent`) once that work has unwound.
   */
  abort(outcome: 'cancelled' | 'abandoned'): void {
    if (this.ended) return;
    this.ended = outcome;
    this.wipe();
  }

  /** The transcript as last logged (for the certificate), and when. */
  final: { at: number; detail: DetailOf<'ceremony.ended'> } | null = null;

  /** The transcript event of how it ended. */
  endedEvent(outcome: CeremonyOutcome, reason?: string): NewEvent {
    const detail: DetailOf<'ceremony.ended'> = {
      kind: this.kind,
      outcome,
      custodianA: this.custodians.A?.username ?? null,
      custodianB: this.custodians.B?.username ?? null,
      startedAt: this.startedAt,
      ...this.transcript,
      ...(reason === undefined ? {} : { reason }),
    };
    const by = this.custodians.B ?? this.custodians.A;
    const at = this.session.vault.now();
    this.final = { at, detail };
    return {
      at,
      actor: by?.username ?? this.session.account.username,
      actorId: by?.id ?? this.session.account.id,
      seat: this.session.vault.seatId,
      action: 'ceremony.ended',
      object: this.id,
      outcome: outcome === 'committed' ? 'ok' : outcome === 'refused' ? 'denied' : 'failed',
      detail,
    };
  }

  /**
   * Ends the ceremony (if nothing ended it before) and wipes its secrets; logs its transcript,
   * once, in a transaction of its own.
   */
  async end(outcome: CeremonyOutcome, reason?: string): Promise<void> {
    // Stopped from outside first: that is how it ended, whatever the unwinding work reports.
    const stopped = this.ended === 'cancelled' || this.ended === 'abandoned';
    this.ended ??= outcome;
    this.wipe();
    const event = this.takeEndEvent(stopped ? `ceremony.${this.ended}` : reason);
    if (event) await this.session.vault.log(event);
  }

  /** The transcript event, once: for whoever logs it (end(), or the session ending). */
  takeEndEvent(reason?: string): NewEvent | null {
    this.session.ceremonies.delete(this);
    if (this.loggedEnd || !this.ended) return null;
    this.loggedEnd = true;
    return this.endedEvent(this.ended, reason ?? (this.ended === 'committed' ? undefined : `ceremony.${this.ended}`));
  }

  /** Marks the transcript as written (in the commit's transaction). */
  committed(): void {
    this.ended = 'committed';
    this.loggedEnd = true;
    this.session.ceremonies.delete(this);
    this.wipe();
  }
}
