/**
 * Reading a stored case: its row (within a scope's condition), its contacts, and the opening of
 * a sealed value: the batch key unwrapped under the case master key, the value opened under its
 * case number and column. Who may ask, and the reveal's log entry, are the workspace's; this is
 * the only code that opens case PII.
 */
import { fail } from '../errors';
import { joinSql, rawSql, sql, type Sql } from '../store/sql';
import type { Queryable } from '../store/store';
import type { Vault } from '../vault/vault';
import { BatchSeal } from './case-keys';
import { CASE_PII_COLUMNS } from './migrations/0011-cases';

export type CaseColumn = (typeof CASE_PII_COLUMNS)[number];

/** A case's row with its batch's number, ceremony and wrapped key (null once destroyed). */
export interface StoredCase {
  id: number;
  caseNo: string;
  batchId: number;
  batchNo: string;
  ceremonyId: string;
  dataKey: Uint8Array | null;
  row: Record<string, unknown>;
}

interface Raw extends Record<string, unknown> {
  id: number | string;
  case_no: string;
  batch_id: number | string;
  batch_no: string;
  ceremony_id: string;
  data_key: Uint8Array | null;
}

/** The case with this number, if `where` (a scope's condition on `cases c`) lets it be seen. */
export async function storedCase(
  db: Queryable,
  caseNo: string,
  where: Sql = rawSql('1 = 1'),
): Promise<StoredCase | undefined> {
  const raw = await db.get<Raw>(
    sql`SELECT c.*, b.batch_no, b.ceremony_id, b.data_key
        FROM cases c JOIN batches b ON b.id = c.batch_id WHERE c.case_no = ${caseNo} AND ${where}`,
  );
  if (!raw) return undefined;
  return {
    id: Number(raw.id),
    caseNo: raw.case_no,
    batchId: Number(raw.batch_id),
    batchNo: raw.batch_no,
    ceremonyId: raw.ceremony_id,
    dataKey: raw.data_key,
    row: raw,
  };
}

/** A case's number by its id. */
export async function caseNoById(db: Queryable, id: number): Promise<string | undefined> {
  return (await db.get<{ case_no: string }>(sql`SELECT case_no FROM cases WHERE id = ${id}`))?.case_no;
}

/** Of these case ids, those `where` lets be seen, with their numbers. */
export async function caseNosIn(db: Queryable, ids: readonly number[], where: Sql): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.all<{ id: number | string; case_no: string }>(
    sql`SELECT c.id, c.case_no FROM cases c WHERE c.id IN (${joinSql(
      ids.map((id) => sql`${id}`),
      ', ',
    )}) AND ${where}`,
  );
  return new Map(rows.map((r) => [Number(r.id), r.case_no]));
}

export interface StoredContact {
  ordinal: number;
  nameSealed: Uint8Array | null;
  nameMask: string | null;
  relation: string | null;
  phoneSealed: Uint8Array | null;
  phoneMask: string | null;
}

export async function contactsOf(db: Queryable, caseId: number): Promise<StoredContact[]> {
  const rows = await db.all<{
    ordinal: number | string;
    name_sealed: Uint8Array | null;
    name_mask: string | null;
    relation: string | null;
    phone_sealed: Uint8Array | null;
    phone_mask: string | null;
  }>(sql`SELECT ordinal, name_sealed, name_mask, relation, phone_sealed, phone_mask
         FROM case_contacts WHERE case_id = ${caseId} ORDER BY ordinal`);
  return rows.map((r) => ({
    ordinal: Number(r.ordinal),
    nameSealed: r.name_sealed,
    nameMask: r.name_mask,
    relation: r.relation,
    phoneSealed: r.phone_sealed,
    phoneMask: r.phone_mask,
  }));
}

/** The case's batch seal, for `use`, wiped after. */
export async function withSeal<T>(
  vault: Vault,
  db: Queryable,
  stored: StoredCase,
  use: (seal: BatchSeal) => T,
): Promise<T> {
  // A destroyed batch key: the data is gone for good (crypto-shredding), not damaged.
  if (stored.dataKey === null) fail('NOT_PERMITTED', 'case.destroyed');
  const keys = await vault.openCaseKeys(db, false);
  if (!keys) fail('VAULT_DAMAGED', 'vault.damaged');
  const key = keys.openBatchKey(stored.ceremonyId, stored.dataKey);
  keys.wipe();
  const seal = new BatchSeal(key, vault.vaultId, stored.batchId);
  try {
    return use(seal);
  } finally {
    seal.wipe();
  }
}

function column<V>(stored: StoredCase, name: CaseColumn, kind: 'sealed' | 'mask'): V | null {
  if (!(CASE_PII_COLUMNS as readonly string[]).includes(name)) throw new RangeError('not a case column');
  return (stored.row[`${name}_${kind}`] ?? null) as V | null;
}

/** The masked forms of these columns (an address's is stored sealed), null where there is none. */
export async function openMasks(
  vault: Vault,
  db: Queryable,
  stored: StoredCase,
  columns: readonly CaseColumn[],
): Promise<Map<CaseColumn, string | null>> {
  const masks = new Map(columns.map((c) => [c, column<string>(stored, c, 'mask')] as const));
  if (![...masks.values()].some((m) => m?.startsWith('m1:'))) return masks;
  return withSeal(vault, db, stored, (seal) => {
    for (const [c, m] of masks) if (m?.startsWith('m1:')) masks.set(c, seal.openMask(stored.caseNo, c, m));
    return masks;
  });
}

/** The plaintext of one column of a stored case, or null when it has none there. */
export async function openColumn(
  vault: Vault,
  db: Queryable,
  stored: StoredCase,
  name: CaseColumn,
): Promise<string | null> {
  const sealed = column<Uint8Array>(stored, name, 'sealed');
  if (sealed === null) return null;
  return withSeal(vault, db, stored, (seal) => seal.open(stored.caseNo, name, sealed));
}

/** The plaintext of a contact's name or phone, or null. */
export async function openContact(
  vault: Vault,
  db: Queryable,
  stored: StoredCase,
  contact: StoredContact,
  part: 'name' | 'phone',
): Promise<string | null> {
  const sealed = part === 'name' ? contact.nameSealed : contact.phoneSealed;
  if (sealed === null) return null;
  return withSeal(vault, db, stored, (seal) => seal.open(stored.caseNo, `contact${contact.ordinal}_${part}`, sealed));
}

async function mustExist(db: Queryable, caseNo: string): Promise<StoredCase> {
  const stored = await storedCase(db, caseNo);
  if (!stored) fail('INPUT_REJECTED', 'case.unknown');
  return stored;
}

/** The masked form of one PII column of one case, whoever asks (tests and the import's checks). */
export async function openCaseMask(
  vault: Vault,
  db: Queryable,
  caseNo: string,
  name: CaseColumn,
): Promise<string | null> {
  const stored = await mustExist(db, caseNo);
  return (await openMasks(vault, db, stored, [name])).get(name) ?? null;
}

/** The plaintext of one PII column of one case, whoever asks (tests). */
export async function openCaseField(
  vault: Vault,
  db: Queryable,
  caseNo: string,
  name: CaseColumn,
): Promise<string | null> {
  return openColumn(vault, db, await mustExist(db, caseNo), name);
}
