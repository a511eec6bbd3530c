/**
 * Opening one sealed value of a case: the batch key unwrapped under the case master key, the
 * value opened under its case number and column. Who may ask, and the reveal's log entry, are
 * the workspace's; this is the only code that opens case PII.
 */
import { fail } from '../errors';
import { rawSql, sql } from '../store/sql';
import type { Queryable } from '../store/store';
import type { Vault } from '../vault/vault';
import { BatchSeal } from './case-keys';
import { CASE_PII_COLUMNS } from './migrations/0011-cases';

export type CaseColumn = (typeof CASE_PII_COLUMNS)[number];

interface StoredValue<V> {
  batch_id: number | string;
  ceremony_id: string;
  data_key: Uint8Array | null;
  value: V | null;
}

/** One stored column (`<column>_sealed` or `<column>_mask`, from our own list) of a case, with its batch's key. */
async function storedValue<V>(db: Queryable, caseNo: string, column: CaseColumn, kind: 'sealed' | 'mask') {
  if (!(CASE_PII_COLUMNS as readonly string[]).includes(column)) throw new RangeError('not a case column');
  const row = await db.get<StoredValue<V>>(
    sql`SELECT c.batch_id, b.ceremony_id, b.data_key, c.${rawSql(`${column}_${kind}`)} AS value
        FROM cases c JOIN batches b ON b.id = c.batch_id WHERE c.case_no = ${caseNo}`,
  );
  if (!row) fail('INPUT_REJECTED', 'case.unknown');
  return row;
}

/** The batch's seal, for `use`, wiped after. */
async function withSeal<T>(vault: Vault, db: Queryable, row: StoredValue<unknown>, use: (seal: BatchSeal) => T) {
  // A destroyed batch key: the data is gone for good (crypto-shredding), not damaged.
  if (row.data_key === null) fail('NOT_PERMITTED', 'case.destroyed');
  const keys = await vault.openCaseKeys(db, false);
  if (!keys) fail('VAULT_DAMAGED', 'vault.damaged');
  const key = keys.openBatchKey(row.ceremony_id, row.data_key);
  keys.wipe();
  const seal = new BatchSeal(key, vault.vaultId, Number(row.batch_id));
  try {
    return use(seal);
  } finally {
    seal.wipe();
  }
}

/** The masked form of one PII column of one case (an address's is stored sealed), or null. */
export async function openCaseMask(
  vault: Vault,
  db: Queryable,
  caseNo: string,
  column: CaseColumn,
): Promise<string | null> {
  const row = await storedValue<string>(db, caseNo, column, 'mask');
  const mask = row.value;
  if (mask === null || !mask.startsWith('m1:')) return mask;
  return withSeal(vault, db, row, (seal) => seal.openMask(caseNo, column, mask));
}

/** The plaintext of one PII column of one case, or null when the case has none there. */
export async function openCaseField(
  vault: Vault,
  db: Queryable,
  caseNo: string,
  column: CaseColumn,
): Promise<string | null> {
  const row = await storedValue<Uint8Array>(db, caseNo, column, 'sealed');
  const sealed = row.value;
  if (sealed === null) return null;
  return withSeal(vault, db, row, (seal) => seal.open(caseNo, column, sealed));
}
