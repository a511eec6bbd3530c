/** The access log: append in the caller's transaction, list with filters, verify, anchor. */
import { timingSafeEqual } from 'node:crypto';
import type { Anchor, AuditEventView, VerifyReport } from '../../../shared/contract';
import type { Queryable } from '../store/db';
import { joinSql, sql, type Sql } from '../store/sql';
import { canonicalJson, chainHash, genesisHash, type AuditRecord, type Outcome } from './chain';

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

interface Row {
  seq: number;
  at: number;
  actor: string | null;
  actor_id: number | null;
  seat: string | null;
  action: string;
  object: string | null;
  outcome: Outcome;
  detail: string;
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

const VERIFY_PAGE = 20_000;
const INSERT_BATCH = 500;

export class AuditLog {
  constructor(
    private readonly auditKey: Buffer,
    private readonly vaultId: string,
  ) {}

  /** Zeroes the MAC key when the vault closes. */
  wipe(): void {
    this.auditKey.fill(0);
  }

  private async head(tx: Queryable): Promise<{ seq: number; hash: Buffer }> {
    const row = await tx.get<{ seq: number; hash: Buffer }>(
      sql`SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1`,
    );
    return row ?? { seq: 0, hash: genesisHash(this.auditKey, this.vaultId) };
  }

  /** Appends events inside the caller's transaction: they commit or roll back with the action. */
  async append(tx: Queryable, ...events: NewEvent[]): Promise<number> {
    let { seq, hash } = await this.head(tx);
    for (let i = 0; i < events.length; i += INSERT_BATCH) {
      const rows: Sql[] = [];
      for (const e of events.slice(i, i + INSERT_BATCH)) {
        seq += 1;
        const record: AuditRecord = {
          seq,
          at: e.at,
          actor: e.actor,
          actorId: e.actorId,
          seat: e.seat,
          action: e.action,
          object: e.object ?? null,
          outcome: e.outcome,
          detail: canonicalJson(e.detail ?? {}),
        };
        hash = chainHash(this.auditKey, hash, record);
        rows.push(
          sql`(${seq}, ${record.at}, ${record.actor}, ${record.actorId}, ${record.seat}, ${record.action}, ${record.object}, ${record.outcome}, ${record.detail}, ${hash})`,
        );
      }
      await tx.run(
        sql`INSERT INTO audit_events (seq, at, actor, actor_id, seat, action, object, outcome, detail, hash) VALUES ${joinSql(rows, ', ')}`,
      );
    }
    return seq;
  }

  async list(db: Queryable, filter: ListFilter): Promise<{ events: AuditEventView[]; total: number }> {
    const where = joinSql(
      [
        sql`1 = 1`,
        ...(filter.actor ? [sql`actor = ${filter.actor}`] : []),
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
    return { events: rows.map(toView), total: count?.n ?? 0 };
  }

  /** Events of the given actions within [from, to], oldest first (reports). */
  async between(db: Queryable, from: number, to: number, actions: readonly string[]): Promise<AuditEventView[]> {
    const rows = await db.all<Row>(
      sql`SELECT * FROM audit_events WHERE at BETWEEN ${from} AND ${to} AND action IN (${joinSql(actions.map((a) => sql`${a}`), ', ')}) ORDER BY seq`,
    );
    return rows.map(toView);
  }

  /** The newest events of the given actions by one actor (failure history of an account). */
  async byActor(db: Queryable, actor: string, actions: readonly string[], limit: number): Promise<AuditEventView[]> {
    const rows = await db.all<Row>(
      sql`SELECT * FROM audit_events WHERE actor = ${actor} AND action IN (${joinSql(actions.map((a) => sql`${a}`), ', ')}) ORDER BY seq DESC LIMIT ${limit}`,
    );
    return rows.map(toView);
  }

  /** Every event in order, in large pages (for export). */
  async *scan(db: Queryable): AsyncGenerator<AuditEventView[]> {
    let after = 0;
    for (;;) {
      const rows = await db.all<Row>(
        sql`SELECT * FROM audit_events WHERE seq > ${after} ORDER BY seq LIMIT ${VERIFY_PAGE}`,
      );
      if (rows.length === 0) return;
      after = rows[rows.length - 1]!.seq;
      yield rows.map(toView);
    }
  }

  async anchor(db: Queryable, at: number): Promise<Anchor> {
    const { seq, hash } = await this.head(db);
    return { format: 'strongroom-anchor', version: 1, vaultId: this.vaultId, seq, hash: hash.toString('hex'), at };
  }

  /** Recomputes the chain; reports the first broken sequence number and checks an anchor. */
  async verify(
    db: Queryable,
    options: { anchor?: Anchor | undefined; onProgress?: (done: number, total: number) => void } = {},
  ): Promise<VerifyReport> {
    const top = await db.get<{ n: number | null }>(sql`SELECT max(seq) AS n FROM audit_events`);
    const total = top?.n ?? 0;
    let prev = genesisHash(this.auditKey, this.vaultId);
    let expected = 1;
    let firstBroken: number | null = null;
    let checked = 0;
    let anchorHash: Buffer | null = null;
    const anchorSeq = options.anchor?.seq;
    options.onProgress?.(0, total);
    while (firstBroken === null) {
      const rows = await db.all<Row>(
        sql`SELECT * FROM audit_events WHERE seq >= ${expected} ORDER BY seq LIMIT ${VERIFY_PAGE}`,
      );
      if (rows.length === 0) break;
      for (const row of rows) {
        if (row.seq !== expected) {
          firstBroken = expected; // a deleted event
          break;
        }
        const hash = chainHash(this.auditKey, prev, fromRow(row));
        if (!(row.hash.length === 32 && timingSafeEqual(hash, row.hash))) {
          firstBroken = row.seq;
          break;
        }
        if (row.seq === anchorSeq) anchorHash = row.hash;
        prev = hash;
        expected += 1;
        checked += 1;
      }
      options.onProgress?.(checked, total);
    }
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
    if (anchor.seq === 0) return anchor.hash === genesisHash(this.auditKey, this.vaultId).toString('hex') ? 'matches' : 'mismatch';
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

function toView(row: Row): AuditEventView {
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    seat: row.seat,
    action: row.action,
    object: row.object,
    outcome: row.outcome,
    detail: JSON.parse(row.detail) as Record<string, unknown>,
  };
}
