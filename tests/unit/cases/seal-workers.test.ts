/**
 * The import's seal workers (seal-pool.ts, seal-worker.ts, case-rows.ts): a chunk sealed on a
 * worker opens under the batch key and indexes as the vault's own tokens do; cases cross as JSON
 * lines and come back as each store's load (JSON for SQLite, COPY text for PostgreSQL); zeroing
 * the shared keys reaches a running worker; a worker that fails fails its chunks with a message
 * that carries nothing of them.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BatchSeal, blindToken, SEAL_KEYS } from '../../../electron/core/cases/case-keys';
import {
  addCaseRows,
  BYTE_REF,
  CASE_COLUMNS,
  CASE_TYPES,
  CONTACT_COLUMNS,
  CONTACT_TYPES,
  decodeCases,
  emptyRows,
  encodeCases,
  LoadBuilder,
  type LoadForm,
  type CaseRows,
  type NewCase,
  type TableLoads,
} from '../../../electron/core/cases/case-rows';
import { SealPool, sealWorkerScript } from '../../../electron/core/cases/seal-pool';
import type { CopyType } from '../../../electron/core/store/copy-binary';
import type { SqlValue } from '../../../electron/core/store/sql';
import { tempDir } from '../../fixtures/env';

const REPO = path.resolve(__dirname, '../../..');

function newCase(n: number, extra: Partial<NewCase> = {}): NewCase {
  return {
    caseNo: `BN${String(n).padStart(6, '0')}`,
    sourceRow: n + 1,
    pii: {
      name: '冯华',
      id_number: '410122196611017547',
      mobile: '17812340669',
      home_address: '河南省郑州市中牟县迎宾路1号',
    },
    gender: 'F',
    amountAssignedFen: 100_000 + n,
    principalFen: null,
    daysOverdue: 31,
    bucket: 'M2',
    assignedOn: '2026-11-01',
    returnOn: null,
    contacts: [{ ordinal: 1, name: '李四', relation: '同事', phone: '13900000000' }],
    ...extra,
  };
}

function sharedKeys(): { shared: SharedArrayBuffer; key: (name: (typeof SEAL_KEYS)[number]) => Buffer } {
  const shared = new SharedArrayBuffer(32 * SEAL_KEYS.length);
  Buffer.from(shared).set(randomBytes(32 * SEAL_KEYS.length));
  // Copies, so a test can still open what was sealed after the shared keys are zeroed.
  return { shared, key: (name) => Buffer.from(Buffer.from(shared, SEAL_KEYS.indexOf(name) * 32, 32)) };
}

/** Rows as a worker would hand them over, in `form`. */
function tableLoads(rows: CaseRows, form: LoadForm): TableLoads {
  const builder = new LoadBuilder(form);
  builder.add(rows);
  return builder.finish();
}

/** A chunk's JSON loads read back as rows: each byte reference as a Buffer of the chunk's bytes again. */
function jsonRows(loads: TableLoads): CaseRows {
  const read = (load: Uint8Array, bytesAt: readonly number[]): SqlValue[][] =>
    (JSON.parse(Buffer.from(load).toString('utf8')) as SqlValue[][]).map((row) =>
      row.map((v, i) => {
        if (!bytesAt.includes(i) || typeof v !== 'number') return v;
        const at = Math.floor(v / BYTE_REF);
        return Buffer.from(loads.bytes.subarray(at, at + (v % BYTE_REF)));
      }),
    );
  const bytesAt = (types: readonly CopyType[]) => types.flatMap((t, i) => (t === 'bytea' ? [i] : []));
  return { cases: read(loads.cases, bytesAt(CASE_TYPES)), contacts: read(loads.contacts, bytesAt(CONTACT_TYPES)) };
}

/** A binary COPY load (copy-binary.ts) read back as rows. */
function readCopy(load: Uint8Array, types: readonly CopyType[]): SqlValue[][] {
  const b = Buffer.from(load);
  expect(b.subarray(0, 11).toString('latin1')).toBe('PGCOPY\n\xff\r\n\0');
  const out: SqlValue[][] = [];
  let at = 19;
  for (let fields = b.readInt16BE(at); fields !== -1; fields = b.readInt16BE(at)) {
    at += 2;
    const row: SqlValue[] = [];
    for (let i = 0; i < fields; i += 1) {
      const length = b.readInt32BE(at);
      at += 4;
      if (length < 0) {
        row.push(null);
        continue;
      }
      const bytes = b.subarray(at, at + length);
      at += length;
      const type = types[i];
      row.push(
        type === 'bytea'
          ? Buffer.from(bytes)
          : type === 'integer'
            ? bytes.readInt32BE(0)
            : type === 'bigint'
              ? Number(bytes.readBigInt64BE(0))
              : bytes.toString('utf8'),
      );
    }
    out.push(row);
  }
  expect(at + 2).toBe(b.length);
  return out;
}

/** A row's value by its column's name. */
const at = (row: SqlValue[], columns: readonly string[], name: string): SqlValue => row[columns.indexOf(name)]!;
const caseValue = (row: SqlValue[], name: (typeof CASE_COLUMNS)[number]) => at(row, CASE_COLUMNS, name);

const pools: SealPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe('cases crossing to a seal worker and back', () => {
  it('as JSON lines: the same cases, the buffer zeroed once read', () => {
    const cases = [newCase(1), newCase(2, { pii: { name: '王"五\n' }, contacts: [] })];
    const lines = encodeCases(cases);
    expect([...decodeCases(lines)]).toEqual(cases);
    expect(lines.every((b) => b === 0)).toBe(true);
  });

  // A case row as the worker makes it, a value of each column's type: bytes at the *_sealed and
  // *_token columns (a null among them), numbers (one past 32 bits), text.
  const value = (c: string, i: number): SqlValue => {
    const type = CASE_TYPES[i];
    if (c === 'name_sealed') return Buffer.from([1, 2, 3]);
    if (type === 'bytea') return i % 2 ? null : Buffer.from([i]);
    if (type === 'bigint') return 2 ** 40 + i;
    return type === 'integer' ? i : `${c}\t"值"`;
  };
  const rows = (): CaseRows => ({
    cases: [CASE_COLUMNS.map(value)],
    contacts: [['BN1', 1, null, null, '同\t事', Buffer.from([9]), '139****0000', Buffer.alloc(16, 7)]],
  });

  it('back as JSON loads (SQLite): every value, bytes by reference into one buffer, the count of cases', () => {
    const loads = tableLoads(rows(), 'json');
    expect(loads.count).toBe(1);
    expect(jsonRows(loads)).toEqual(rows());
    // The case's bytes (3 + 1 + 1 + …), then the contact's 1 and its token's 16 at the end.
    const token = (JSON.parse(Buffer.from(loads.contacts).toString('utf8')) as number[][])[0]![7]!;
    expect(token % BYTE_REF).toBe(16);
    expect(Math.floor(token / BYTE_REF)).toBe(loads.bytes.length - 16);
    expect(Buffer.from(loads.bytes.subarray(loads.bytes.length - 16)).equals(Buffer.alloc(16, 7))).toBe(true);
  });

  it('each indexed value has its token beside it; a value absent, none; a contact phone that is the mobile, the same token', () => {
    const out = emptyRows();
    const seal = new BatchSeal(randomBytes(32), 'v', 1);
    const token = (field: string, value: string) => Buffer.from(`${field}:${value}`);
    const c = newCase(1, { contacts: [{ ordinal: 1, name: '李四', relation: '同事', phone: '17812340669' }] });
    addCaseRows(out, c, 1, seal, token);
    const row = out.cases[0]!;
    expect(String(caseValue(row, 'name_token'))).toBe('name:冯华');
    expect(String(caseValue(row, 'id_number_token'))).toBe('id:410122196611017547');
    expect(String(caseValue(row, 'mobile_token'))).toBe('phone:17812340669');
    expect(caseValue(row, 'card_number_token')).toBeNull();
    expect(caseValue(row, 'home_phone_token')).toBeNull();
    expect(String(at(out.contacts[0]!, CONTACT_COLUMNS, 'phone_token'))).toBe('phone:17812340669');
  });

  it("back as COPY loads (PostgreSQL): binary rows of the columns' types, every value as it was", () => {
    const loads = tableLoads(rows(), 'copy');
    expect(loads.bytes).toHaveLength(0);
    expect({ cases: readCopy(loads.cases, CASE_TYPES), contacts: readCopy(loads.contacts, CONTACT_TYPES) }).toEqual(
      rows(),
    );
  });
});

describe('the seal pool', () => {
  it('seals on a worker: values open under the batch key, tokens are the vault tokens', async () => {
    const { shared, key } = sharedKeys();
    const pool = new SealPool(
      sealWorkerScript(REPO),
      { keys: shared, vaultId: 'vault-1', batchId: 7, form: 'json' },
      2,
    );
    pools.push(pool);
    const cases = Array.from({ length: 30 }, (_, i) => newCase(i));
    const rows = jsonRows(await pool.seal(encodeCases(cases)));
    expect(rows.cases).toHaveLength(30);
    const seal = new BatchSeal(key('batch'), 'vault-1', 7);
    const first = rows.cases[0]!;
    expect(first.slice(0, 3)).toEqual([7, 'BN000000', 1]);
    expect(seal.open('BN000000', 'name', first[3] as Buffer)).toBe('冯华');
    expect(first[4]).toBe('冯*');
    // An address's mask is sealed too.
    const homeMask = first[3 + 2 * 7 + 1] as string;
    expect(seal.openMask('BN000000', 'home_address', homeMask)).toBe('河南省郑州市中牟县***');
    // Under another batch's place the same bytes don't open.
    expect(() => new BatchSeal(key('batch'), 'vault-1', 8).open('BN000000', 'name', first[3] as Buffer)).toThrow();
    expect(rows.contacts[0]!.slice(0, 2)).toEqual(['BN000000', 1]);
    expect(seal.open('BN000000', 'contact1_phone', rows.contacts[0]![5] as Buffer)).toBe('13900000000');
    expect(caseValue(first, 'name_token')).toEqual(blindToken(key('name'), 'name', '冯华'));
    expect(caseValue(first, 'id_number_token')).toEqual(blindToken(key('id'), 'id', '410122196611017547'));
    expect(caseValue(first, 'mobile_token')).toEqual(blindToken(key('phone'), 'phone', '17812340669'));
    expect(at(rows.contacts[0]!, CONTACT_COLUMNS, 'phone_token')).toEqual(
      blindToken(key('phone'), 'phone', '13900000000'),
    );
  });

  it('zeroing the shared keys reaches a running worker: what it seals next no longer opens', async () => {
    const { shared, key } = sharedKeys();
    const pool = new SealPool(sealWorkerScript(REPO), { keys: shared, vaultId: 'v', batchId: 1, form: 'json' }, 1);
    pools.push(pool);
    const seal = new BatchSeal(key('batch'), 'v', 1);
    const before = jsonRows(await pool.seal(encodeCases([newCase(1)])));
    expect(seal.open('BN000001', 'name', before.cases[0]![3] as Buffer)).toBe('冯华');
    new Uint8Array(shared).fill(0);
    const after = jsonRows(await pool.seal(encodeCases([newCase(1)])));
    expect(() => seal.open('BN000001', 'name', after.cases[0]![3] as Buffer)).toThrow();
  });

  it('a worker that fails fails its chunk and every later one, saying nothing of the cases', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const script = path.join(dir, 'broken-worker.js');
      await writeFile(
        script,
        "require('node:worker_threads').parentPort.on('message', () => { throw new Error('boom 冯华 410122196611017547'); });",
      );
      const { shared } = sharedKeys();
      const pool = new SealPool(script, { keys: shared, vaultId: 'v', batchId: 1, form: 'json' }, 1);
      pools.push(pool);
      const failure = await pool.seal(encodeCases([newCase(1)])).catch((err: unknown) => err);
      expect(failure).toBeInstanceOf(Error);
      expect(String((failure as Error).message)).toBe('seal worker failed');
      await expect(pool.seal(encodeCases([newCase(2)]))).rejects.toThrow('seal worker failed');
    } finally {
      await cleanup();
    }
  });

  it('close fails what is still in flight', async () => {
    const { shared } = sharedKeys();
    const pool = new SealPool(sealWorkerScript(REPO), { keys: shared, vaultId: 'v', batchId: 1, form: 'json' }, 1);
    const pending = pool.seal(encodeCases(Array.from({ length: 500 }, (_, i) => newCase(i)))).catch((e: unknown) => e);
    await pool.close();
    expect(await pending).toEqual(new Error('seal workers closed'));
  });

  // The build (CI builds before testing) emits the worker as an entry of its own: it must load
  // and seal without tsx, its only requires Node's and its own chunk.
  it.skipIf(!existsSync(path.join(REPO, 'out/main/seal-worker.js')))('the built worker seals too', async () => {
    const { shared, key } = sharedKeys();
    const script = path.join(REPO, 'out/main/seal-worker.js');
    const pool = new SealPool(script, { keys: shared, vaultId: 'v', batchId: 3, form: 'json' }, 1);
    pools.push(pool);
    const rows = jsonRows(await pool.seal(encodeCases([newCase(5)])));
    expect(new BatchSeal(key('batch'), 'v', 3).open('BN000005', 'id_number', rows.cases[0]![5] as Buffer)).toBe(
      '410122196611017547',
    );
  });
});
