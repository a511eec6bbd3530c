/** The cases domain's reads and its batch row: the only code that touches these tables (with case-writer). */
import { joinSql, sql } from '../store/sql';
import type { Queryable } from '../store/store';

export interface BatchRow {
  id: number;
  batchNo: string;
  template: string;
  archiveSha256: string;
  ceremonyId: string;
  seatId: string;
  importedAt: number;
  caseCount: number;
  totalFen: number;
}

interface RawBatch {
  id: number | string;
  batch_no: string;
  template: string;
  archive_sha256: string;
  ceremony_id: string;
  seat_id: string;
  imported_at: number | string;
  case_count: number | string;
  total_fen: number | string;
}

const toBatch = (r: RawBatch): BatchRow => ({
  id: Number(r.id),
  batchNo: r.batch_no,
  template: r.template,
  archiveSha256: r.archive_sha256,
  ceremonyId: r.ceremony_id,
  seatId: r.seat_id,
  importedAt: Number(r.imported_at),
  caseCount: Number(r.case_count),
  totalFen: Number(r.total_fen),
});

const BATCH_COLUMNS = sql`id, batch_no, template, archive_sha256, ceremony_id, seat_id, imported_at, case_count, total_fen`;

/** The batch an archive (by SHA-256) was imported as: the same delivery is never imported twice. */
export async function batchByArchive(db: Queryable, archiveSha256: string): Promise<BatchRow | undefined> {
  const row = await db.get<RawBatch>(sql`SELECT ${BATCH_COLUMNS} FROM batches WHERE archive_sha256 = ${archiveSha256}`);
  return row && toBatch(row);
}

export async function batchById(db: Queryable, id: number): Promise<BatchRow | undefined> {
  const row = await db.get<RawBatch>(sql`SELECT ${BATCH_COLUMNS} FROM batches WHERE id = ${id}`);
  return row && toBatch(row);
}

export async function listBatches(db: Queryable): Promise<BatchRow[]> {
  return (await db.all<RawBatch>(sql`SELECT ${BATCH_COLUMNS} FROM batches ORDER BY id`)).map(toBatch);
}

/** Which of these case numbers the vault holds already, and in which batch (its batch number). */
export async function caseNumbersHeld(db: Queryable, caseNos: readonly string[]): Promise<Map<string, string>> {
  const held = new Map<string, string>();
  for (let i = 0; i < caseNos.length; i += 500) {
    const list = joinSql(
      caseNos.slice(i, i + 500).map((n) => sql`${n}`),
      ', ',
    );
    const rows = await db.all<{ case_no: string; batch_no: string }>(
      sql`SELECT c.case_no, b.batch_no FROM cases c JOIN batches b ON b.id = c.batch_id WHERE c.case_no IN (${list})`,
    );
    for (const row of rows) held.set(row.case_no, row.batch_no);
  }
  return held;
}

export interface NewBatch {
  batchNo: string;
  template: string;
  archiveSha256: string;
  ceremonyId: string;
  seatId: string;
  custodianA: number;
  custodianB: number;
  importedAt: number;
  caseCount: number;
  totalFen: number;
  dataKey: Buffer;
}

export async function insertBatch(tx: Queryable, b: NewBatch): Promise<number> {
  const row = await tx.get<{ id: number | string }>(sql`
    INSERT INTO batches (batch_no, template, archive_sha256, ceremony_id, seat_id, custodian_a, custodian_b,
                         imported_at, case_count, total_fen, data_key)
    VALUES (${b.batchNo}, ${b.template}, ${b.archiveSha256}, ${b.ceremonyId}, ${b.seatId}, ${b.custodianA},
            ${b.custodianB}, ${b.importedAt}, ${b.caseCount}, ${b.totalFen}, ${b.dataKey})
    RETURNING id`);
  return Number(row!.id);
}
