/**
 * The floor's access log, "write now, chain later" (docs/floor-audit.md). Seats never contend
 * for the chain head inside their business transactions: each inserts its events into
 * audit_pending with a MAC under the epoch's audit key, and a chaining round — one seat at a
 * time, under an advisory lock — gives committed rows their seq and chain hash. Rows are picked
 * up by transaction id, so one that commits late is chained in the next round, not skipped.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFloorInfo } from '../floor/floor-info';
import { joinSql, sql, type Sql } from '../store/sql';
import type { Queryable, Store } from '../store/store';
import type { AuditLog, ChainKey, EventColumns, NewEvent } from './audit-log';
import { canonicalEvent, canonicalJson, storedFields, type AuditRecord } from './chain';

/** The advisory lock only a chaining round holds. */
export const CHAIN_LOCK = 'strongroom.audit-chain';
const BATCH = 500;

export interface PendingRow extends EventColumns {
  id: number;
  epoch: number;
  nonce: Buffer;
  mac: Buffer;
}

type PendingFields = Omit<PendingRow, 'id' | 'mac'>;

function pendingMac(key: Buffer, vaultId: string, f: PendingFields): Buffer {
  const body = JSON.stringify([
    'strongroom-audit-pending/v1',
    vaultId,
    f.nonce.toString('hex'),
    f.epoch,
    f.at,
    f.actor,
    f.actor_id,
    f.seat,
    f.action,
    f.object,
    f.outcome,
    f.detail,
  ]);
  return createHmac('sha256', key).update(body, 'utf8').digest();
}

type MacedRow = PendingFields & { mac: Buffer };

/** Checked, sealed events as pending rows, MACed under the newest epoch's key (its position is the row's epoch). */
function pendingRows(vaultId: string, keys: readonly ChainKey[], events: readonly NewEvent[]): MacedRow[] {
  const epoch = keys.length;
  const key = keys[epoch - 1]!.key;
  return events.map((e) => {
    const { actorId, ...stored } = storedFields(e);
    const f: PendingFields = { epoch, nonce: randomBytes(16), ...stored, actor_id: actorId };
    return { ...f, mac: pendingMac(key, vaultId, f) };
  });
}

/** Inserts the events in the caller's transaction. */
export async function appendPending(
  tx: Queryable,
  vaultId: string,
  keys: readonly ChainKey[],
  events: readonly NewEvent[],
): Promise<void> {
  const all = pendingRows(vaultId, keys, events);
  for (let i = 0; i < all.length; i += BATCH) {
    const rows: Sql[] = all
      .slice(i, i + BATCH)
      .map(
        (f) =>
          sql`(${f.epoch}, ${f.nonce}, ${f.at}, ${f.actor}, ${f.actor_id}, ${f.seat}, ${f.action}, ${f.object}, ${f.outcome}, ${f.detail}, ${f.mac})`,
      );
    await tx.run(
      sql`INSERT INTO audit_pending (epoch, nonce, at, actor, actor_id, seat, action, object, outcome, detail, mac)
          VALUES ${joinSql(rows, ', ')}`,
    );
  }
}

/** The one statement that logs the events on their own, in the session `token` (audit_append, schema 8). */
export function appendPendingAlone(
  token: Buffer,
  vaultId: string,
  keys: readonly ChainKey[],
  events: readonly NewEvent[],
): Sql {
  const rows = pendingRows(vaultId, keys, events).map((f) => ({
    ...f,
    nonce: f.nonce.toString('hex'),
    mac: f.mac.toString('hex'),
  }));
  return sql`SELECT audit_append(${token}, ${JSON.stringify(rows)}) AS n`;
}

/** A row's MAC under the key of the epoch it names; a row no key of ours vouches for is refused. */
export function pendingAuthentic(vaultId: string, keys: readonly ChainKey[], row: PendingRow): boolean {
  const key = keys[row.epoch - 1]?.key;
  if (!key || row.mac.length !== 32) return false;
  return timingSafeEqual(pendingMac(key, vaultId, row), row.mac);
}

/**
 * One chaining round. The watermark is read before the rows: every transaction below it had
 * ended before this statement's snapshot, so all of their rows are visible now and none is left
 * behind when it moves up. Refused rows (bad MAC: written without the key) are chained as an
 * `audit.pendingRefused` event in their place, so they are neither lost nor trusted.
 */
export async function chainRound(store: Store, log: AuditLog, wait: boolean): Promise<number> {
  return store.transaction(
    async (tx) => {
      if (wait) await takeChainLock(tx);
      else {
        const got = await tx.get<{ ok: boolean }>(
          sql`SELECT pg_try_advisory_xact_lock(hashtextextended(${CHAIN_LOCK}, 0)) AS ok`,
        );
        if (!got?.ok) return 0;
      }
      return chainHeld(tx, log);
    },
    { isolation: 'read-committed' },
  );
}

/** Waits for the chain lock; held until the transaction ends. */
export async function takeChainLock(tx: Queryable): Promise<void> {
  await tx.get(sql`SELECT pg_advisory_xact_lock(hashtextextended(${CHAIN_LOCK}, 0)) AS locked`);
}

/**
 * Chains every row visible to `tx`, which holds the chain lock (a round, or a key rotation
 * chaining what the old key vouches for before the new one starts). Returns how many.
 */
export async function chainHeld(tx: Queryable, log: AuditLog): Promise<number> {
  const snap = await tx.get<{ xmin: string }>(sql`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`);
  // The watermark as a value, not a join: the planner then takes the xid index, and the
  // chained check is a probe of pending_id's unique index per row (not a scan of the log).
  const mark = await tx.get<{ watermark: string }>(sql`SELECT watermark::text AS watermark FROM audit_chain_state`);
  const rows = await tx.all<PendingRow>(
    sql`SELECT p.id, p.epoch, p.nonce, p.at, p.actor, p.actor_id, p.seat, p.action, p.object, p.outcome, p.detail, p.mac
          FROM audit_pending p
         WHERE p.xid >= ${mark?.watermark ?? '0'}::xid8
           AND NOT EXISTS (SELECT 1 FROM audit_log e WHERE e.pending_id = p.id)
         ORDER BY p.id`,
  );
  if (rows.length > 0) {
    // A seat whose keys are older than the floor's (a rotation since it signed in) would
    // chain new seqs under the old epoch's key: it leaves them, and the watermark, to a
    // seat that is current (docs/floor-audit.md, "Who chains").
    const floor = await readFloorInfo(tx);
    if (!floor || floor.epoch > log.epochs) return 0;
    let { seq, hash } = await log.head(tx);
    for (let i = 0; i < rows.length; i += BATCH) {
      const values: Sql[] = [];
      for (const row of rows.slice(i, i + BATCH)) {
        seq += 1;
        const record = recordOf(seq, row, log.pendingAuthentic(row));
        hash = log.hashAt(seq, hash, record);
        values.push(sql`(${seq}, ${canonicalEvent(record)}, ${hash}, ${row.id})`);
      }
      // The row is the chained bytes themselves; audit_events reads its fields out of them.
      await tx.run(sql`INSERT INTO audit_log (seq, chained, hash, pending_id) VALUES ${joinSql(values, ', ')}`);
    }
  }
  if (snap) await tx.run(sql`UPDATE audit_chain_state SET watermark = GREATEST(watermark, ${snap.xmin}::xid8)`);
  return rows.length;
}

function recordOf(seq: number, row: PendingRow, authentic: boolean): AuditRecord {
  if (!authentic)
    return {
      seq,
      at: row.at,
      actor: null,
      actorId: null,
      seat: null,
      action: 'audit.pendingRefused',
      object: null,
      outcome: 'failed',
      detail: canonicalJson({ pendingId: row.id }),
    };
  return {
    seq,
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
