/** The access log: append in the caller's transaction, list with filters, verify, anchor. */
import { timingSafeEqual } from 'node:crypto';
import { checkAuditEvent } from '../../../shared/audit-actions';
import type { Anchor, AuditEventView, VerifyReport } from '../../../shared/contract';
import { nameIn, type FieldSeal } from '../store/field-seal';
import { fail } from '../errors';
import type { Queryable, Store } from '../store/store';
import { appendPending, appendPendingAlone, chainRound, pendingAuthentic, type PendingRow } from './audit-pending';
import { openEvent, sealEvent } from './sealed-events';
import { leadingSeq, verifyPage, type VerifyPage } from './verify-page';
import { joinSql, sql, type Sql } from '../store/sql';
import { chainHash, chainMac, genesisHash, storedFields, type AuditRecord, type Outcome } from './chain';

export interface NewEvent {
  at: number;
  actor: string | null;
  actorId: number | null;
  seat: string | null;
  action: string;
  object?: string | null;
  outcome: Outcome;
  /** Never unmasked PII or secrets. */
  detail?: Record<string, unknown>;
}

/** The event's own columns, as stored in the log and in a floor's pending rows. */
export interface EventColumns {
  at: number;
  actor: string | null;
  actor_id: number | null;
  seat: string | null;
  action: string;
  object: string | null;
  outcome: Outcome;
  detail: string;
}

interface Row extends EventColumns {
  seq: number;
  hash: Buffer;
}

export interface ListFilter {
  actor?: string | undefined;
  action?: string | undefined;
  from?: number | undefined;
  to?: number | undefined;
  beforeSeq?: number | undefined;
  limit: number;
}

/** Validates an event before it is chained; returns it as it is to be stored. */
export type EventCheck = (event: NewEvent) => NewEvent;

/** Only the actions in the registry, each with its own detail schema (free text masked). */
export function registeredOnly(event: NewEvent): NewEvent {
  const checked = checkAuditEvent(event.action, event.object ?? null, event.detail ?? {});
  if (!checked.ok) throw new Error(`access-log event refused: ${checked.problem}`);
  return { ...event, object: checked.object, detail: checked.detail };
}

export const acceptAny: EventCheck = (event) => event;

const VERIFY_PAGE = 10_000;
/** Pages verify asks for ahead of the one it is MACing. */
const READ_AHEAD = 2;
/** Entries MACed between two turns of the event loop in verify. */
const YIELD_EVERY = 2_000;
/** Events per export page. */
export const AUDIT_PAGE = 20_000;
const INSERT_BATCH = 500;

/** The audit key of one vault-key epoch and the first event chained under it. */
export interface ChainKey {
  firstSeq: number;
  key: Buffer;
}

export class AuditLog {
  private readonly held: readonly ChainKey[];
  private wiped = false;

  /**
   * `keys`: one audit key, or one per vault-key epoch in order, the first from seq 1 (each
   * rotation starts a new epoch; docs/audit-chain.md). `check` is the action registry
   * (shared/audit-actions.ts): an event it refuses is a bug in the caller, so append throws and
   * the caller's transaction rolls back. Tests of the chain itself pass `acceptAny`.
   */
  constructor(
    keys: Buffer | readonly ChainKey[],
    private readonly vaultId: string,
    private readonly check: EventCheck = registeredOnly,
  ) {
    this.held = Buffer.isBuffer(keys) ? [{ firstSeq: 1, key: keys }] : keys;
    const ordered = this.held.every((k, i) => (i === 0 ? k.firstSeq === 1 : k.firstSeq > this.held[i - 1]!.firstSeq));
    if (this.held.length === 0 || !ordered) throw new RangeError('audit keys must start at seq 1, in order');
  }

  /** The same log (own copies of the keys) with a new epoch's key from `firstSeq` on (a vault-key rotation). */
  withEpoch(firstSeq: number, key: Buffer): AuditLog {
    const kept = this.keys.map((k) => ({ firstSeq: k.firstSeq, key: Buffer.from(k.key) }));
    return new AuditLog([...kept, { firstSeq, key }], this.vaultId, this.check);
  }

  /** How many vault-key epochs this log holds keys for (a floor's seat chains only when current). */
  get epochs(): number {
    return this.held.length;
  }

  /** Zeroes the MAC keys when the vault closes. */
  wipe(): void {
    this.wiped = true;
    for (const { key } of this.held) key.fill(0);
  }

  /**
   * The keys, until wipe(): then every use throws, so work still in flight when the vault closes
   * (a chaining round) rolls back instead of MACing under zeroed keys, which would chain
   * authentic events as refused and break the chain.
   */
  private get keys(): readonly ChainKey[] {
    if (this.wiped) fail('NO_SESSION', 'session.locked');
    return this.held;
  }

  private get genesisKey(): Buffer {
    return this.keys[0]!.key;
  }

  /** The key event `seq` is chained under. */
  private keyFor(seq: number): Buffer {
    for (let i = this.keys.length - 1; i > 0; i -= 1) if (seq >= this.keys[i]!.firstSeq) return this.keys[i]!.key;
    return this.genesisKey;
  }

  /** The sequence number and hash of the newest event (0 and the genesis hash when empty). */
  async head(tx: Queryable): Promise<{ seq: number; hash: Buffer }> {
    const row = await tx.get<{ seq: number; hash: Buffer }>(
      sql`SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1`,
    );
    return row ?? { seq: 0, hash: genesisHash(this.genesisKey, this.vaultId) };
  }

  /**
   * Appends events inside the caller's transaction: they commit or roll back with the action.
   * On a floor they go to audit_pending, MACed, and are chained after commit (chainPending).
   */
  async append(tx: Queryable, ...events: NewEvent[]): Promise<void> {
    const stored = events.map((e) => sealEvent(tx.fields, this.check(e)));
    if (tx.dialect.kind === 'postgres') return appendPending(tx, this.vaultId, this.keys, stored);
    let { seq, hash } = await this.head(tx);
    for (let i = 0; i < stored.length; i += INSERT_BATCH) {
      const rows: Sql[] = [];
      for (const e of stored.slice(i, i + INSERT_BATCH)) {
        seq += 1;
        const record: AuditRecord = { seq, ...storedFields(e) };
        hash = chainHash(this.keyFor(seq), hash, record);
        rows.push(
          sql`(${seq}, ${record.at}, ${record.actor}, ${record.actorId}, ${record.seat}, ${record.action}, ${record.object}, ${record.outcome}, ${record.detail}, ${hash})`,
        );
      }
      await tx.run(
        sql`INSERT INTO audit_events (seq, at, actor, actor_id, seat, action, object, outcome, detail, hash) VALUES ${joinSql(rows, ', ')}`,
      );
    }
  }

  /**
   * On a floor: the one statement that logs events with no other change (audit_append checks the
   * session `token` itself). They are checked and sealed as append does.
   */
  appendAlone(fields: FieldSeal, token: Buffer, events: readonly NewEvent[]): Sql {
    const stored = events.map((e) => sealEvent(fields, this.check(e)));
    return appendPendingAlone(token, this.vaultId, this.keys, stored);
  }

  /**
   * A floor's chaining round (docs/floor-audit.md): under the chain lock, the committed pending
   * rows not yet chained are given the next seq numbers and chain hashes, in one transaction.
   * `wait`: take the lock even if another seat holds it (a reader that must see everything
   * committed so far); otherwise a seat already chaining makes this a no-op.
   */
  async chainPending(store: Store, wait: boolean): Promise<number> {
    return chainRound(store, this, wait);
  }

  /** The chain step for the sequencer: the record at `seq` after `prev`. */
  hashAt(seq: number, prev: Buffer, record: AuditRecord): Buffer {
    return chainHash(this.keyFor(seq), prev, record);
  }

  /** The pending-row MAC check for the sequencer (any epoch's key this log holds). */
  pendingAuthentic(row: PendingRow): boolean {
    return pendingAuthentic(this.vaultId, this.keys, row);
  }

  async list(db: Queryable, filter: ListFilter): Promise<{ events: AuditEventView[]; total: number }> {
    const where = joinSql(
      [
        sql`1 = 1`,
        ...(filter.actor ? [sql`actor ${nameIn(db.fields, filter.actor)}`] : []),
        ...(filter.action ? [sql`action = ${filter.action}`] : []),
        ...(filter.from !== undefined ? [sql`at >= ${filter.from}`] : []),
        ...(filter.to !== undefined ? [sql`at <= ${filter.to}`] : []),
      ],
      ' AND ',
    );
    const page = filter.beforeSeq !== undefined ? sql` AND seq < ${filter.beforeSeq}` : sql``;
    const rows = await db.all<Row>(
      sql`SELECT * FROM audit_events WHERE ${where}${page} ORDER BY seq DESC LIMIT ${filter.limit}`,
    );
    const count = await db.get<{ n: number }>(sql`SELECT count(*) AS n FROM audit_events WHERE ${where}`);
    return { events: rows.map((row) => toView(db, row)), total: count?.n ?? 0 };
  }

  /** Events of the given actions within [from, to], oldest first (reports). */
  async between(db: Queryable, from: number, to: number, actions: readonly string[]): Promise<AuditEventView[]> {
    const rows = await db.all<Row>(
      sql`SELECT * FROM audit_events WHERE at BETWEEN ${from} AND ${to} AND action IN (${joinSql(
        actions.map((a) => sql`${a}`),
        ', ',
      )}) ORDER BY seq`,
    );
    return rows.map((row) => toView(db, row));
  }

  /** The newest events of the given actions by one actor (failure history of an account). */
  async byActor(db: Queryable, actor: string, actions: readonly string[], limit: number): Promise<AuditEventView[]> {
    const rows = await db.all<Row>(
      sql`SELECT * FROM audit_events WHERE actor ${nameIn(db.fields, actor)} AND action IN (${joinSql(
        actions.map((a) => sql`${a}`),
        ', ',
      )}) ORDER BY seq DESC LIMIT ${limit}`,
    );
    return rows.map((row) => toView(db, row));
  }

  /** The time of the newest event (0 for an empty log): the vault's time never goes below it. */
  async newestAt(db: Queryable): Promise<number> {
    const row = await db.get<{ at: number | null }>(sql`SELECT max(at) AS at FROM audit_events`);
    return row?.at ?? 0;
  }

  /** Up to AUDIT_PAGE events after `afterSeq`, in order (export). */
  async page(db: Queryable, afterSeq: number): Promise<AuditEventView[]> {
    const rows = await db.all<Row>(
      sql`SELECT * FROM audit_events WHERE seq > ${afterSeq} ORDER BY seq LIMIT ${AUDIT_PAGE}`,
    );
    return rows.map((row) => toView(db, row));
  }

  /** Per actor and action: how many of the given actions in [from, to], first and last (reports). */
  async tally(
    db: Queryable,
    from: number,
    to: number,
    actions: readonly string[],
  ): Promise<{ actor: string; action: string; n: number; first: number; last: number }[]> {
    const rows = await db.all<{ actor: string; action: string; n: number; first: number; last: number }>(
      sql`SELECT actor, action, count(*) AS n, min(at) AS first, max(at) AS last FROM audit_events
          WHERE at BETWEEN ${from} AND ${to} AND action IN (${joinSql(
            actions.map((a) => sql`${a}`),
            ', ',
          )}) AND actor IS NOT NULL
          GROUP BY actor, action`,
    );
    // A name sealed under two key epochs (a rotation in the range) is still one actor.
    const merged = new Map<string, { actor: string; action: string; n: number; first: number; last: number }>();
    for (const row of rows) {
      const actor = db.fields.open(row.actor);
      const key = JSON.stringify([actor, row.action]);
      const seen = merged.get(key);
      if (!seen) merged.set(key, { ...row, actor });
      else {
        seen.n += row.n;
        seen.first = Math.min(seen.first, row.first);
        seen.last = Math.max(seen.last, row.last);
      }
    }
    return [...merged.values()];
  }

  async anchor(db: Queryable, at: number): Promise<Anchor> {
    const { seq, hash } = await this.head(db);
    return { format: 'strongroom-anchor', version: 1, vaultId: this.vaultId, seq, hash: hash.toString('hex'), at };
  }

  /**
   * Recomputes the chain; reports the first broken sequence number and checks an anchor.
   *
   * Rows are not read one JS object at a time: building those costs the driver about four
   * times what the MAC does. Each page comes as bytes instead (verify-page.ts), and the next
   * page is read while this one is MACed. An event the page doesn't vouch for is checked
   * again from its row, exactly as chainHash defines it, before it counts as broken.
   */
  async verify(
    db: Queryable,
    options: { anchor?: Anchor | undefined; onProgress?: (done: number, total: number) => void } = {},
  ): Promise<VerifyReport> {
    const top = await db.get<{ n: number | null }>(sql`SELECT max(seq) AS n FROM audit_events`);
    const total = top?.n ?? 0;
    let prev = genesisHash(this.genesisKey, this.vaultId);
    let expected = 1;
    let firstBroken: number | null = null;
    let anchorHash: Buffer | null = null;
    const anchorSeq = options.anchor?.seq;
    options.onProgress?.(0, total);
    const read = (from: number): Promise<VerifyPage | null> => {
      const page = verifyPage(db, from, from + VERIFY_PAGE);
      page.catch(() => undefined); // awaited below; this only stops an early failure counting as unhandled
      return page;
    };
    // Pages asked for ahead of the one being MACed, so the store builds while this side hashes.
    const ahead: Promise<VerifyPage | null>[] = [];
    let nextFrom = 1;
    const fill = () => {
      while (firstBroken === null && ahead.length < READ_AHEAD && nextFrom <= total) {
        ahead.push(read(nextFrom));
        nextFrom += VERIFY_PAGE;
      }
    };
    fill();
    while (ahead.length > 0) {
      const page = await ahead.shift()!;
      fill();
      let entry = 0;
      let sinceYield = 0;
      while (page !== null && entry < page.count && firstBroken === null) {
        // Let the read-ahead's round trips go out while this page is MACed, or the store would
        // only start building the next page once this one is done.
        if (++sinceYield === YIELD_EVERY) {
          sinceYield = 0;
          await new Promise((resolve) => setImmediate(resolve));
        }
        const { bytes, spans } = page;
        const at = entry * 4;
        const seq = leadingSeq(bytes, spans[at + 2]!, spans[at + 3]!);
        if (seq === expected) {
          const stored = bytes.subarray(spans[at], spans[at + 1]);
          const hash = chainMac(this.keyFor(seq), prev, bytes.subarray(spans[at + 2], spans[at + 3]));
          if (stored.length === 32 && timingSafeEqual(hash, stored)) {
            if (seq === anchorSeq) anchorHash = Buffer.from(stored);
            prev = hash;
            expected += 1;
            entry += 1;
            continue;
          }
        }
        // Not vouched for by the page: decide from the row itself.
        const row = await db.get<Row>(sql`SELECT * FROM audit_events WHERE seq >= ${expected} ORDER BY seq LIMIT 1`);
        if (!row) break;
        if (row.seq !== expected) {
          firstBroken = expected; // a deleted event
          break;
        }
        const hash = chainHash(this.keyFor(row.seq), prev, fromRow(row));
        if (!(row.hash.length === 32 && timingSafeEqual(hash, row.hash))) {
          firstBroken = row.seq;
          break;
        }
        if (row.seq === anchorSeq) anchorHash = row.hash;
        prev = hash;
        expected += 1;
        if (seq === row.seq) entry += 1; // else this entry is a later event: look at it again
      }
      if (firstBroken !== null) {
        // Let the read-ahead finish before returning.
        for (const p of ahead.splice(0)) await p.catch(() => undefined);
      }
      options.onProgress?.(expected - 1, total);
    }
    const checked = expected - 1;
    const anchor = this.compareAnchor(options.anchor, total, anchorHash);
    return {
      intact: firstBroken === null && (anchor === 'none' || anchor === 'matches'),
      checked,
      headSeq: total,
      headHash: firstBroken === null ? prev.toString('hex') : '',
      firstBrokenSeq: firstBroken,
      anchor,
    };
  }

  private compareAnchor(anchor: Anchor | undefined, headSeq: number, found: Buffer | null): VerifyReport['anchor'] {
    if (!anchor) return 'none';
    if (anchor.vaultId !== this.vaultId) return 'other-vault';
    if (anchor.seq > headSeq) return 'behind';
    if (anchor.seq === 0)
      return anchor.hash === genesisHash(this.genesisKey, this.vaultId).toString('hex') ? 'matches' : 'mismatch';
    return found !== null && found.toString('hex') === anchor.hash ? 'matches' : 'mismatch';
  }
}

function fromRow(row: Row): AuditRecord {
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    actorId: row.actor_id,
    seat: row.seat,
    action: row.action,
    object: row.object,
    outcome: row.outcome,
    detail: row.detail,
  };
}

function toView(db: Queryable, row: Row): AuditEventView {
  return openEvent(db.fields, {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    seat: row.seat,
    action: row.action,
    object: row.object,
    outcome: row.outcome,
    detail: JSON.parse(row.detail) as Record<string, unknown>,
  });
}
