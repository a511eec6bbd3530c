/**
 * The case keys (docs/case-data.md): tokens pinned to vectors computed independently (Python's
 * hmac/hashlib; a sealed value, pyca/cryptography's ChaCha20Poly1305), the case master key
 * re-wrapped at rotation, and every sealed value bound to its place: moved to another case, column
 * or batch, it does not open.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  BatchSeal,
  CaseKeys,
  fieldOpen,
  fieldSeal,
  gcmSeal,
  rewrapCaseMaster,
} from '../../../electron/core/cases/case-keys';
import { deriveSubkey } from '../../../electron/core/keyring/subkeys';
import type { Sql } from '../../../electron/core/store/sql';
import type { Queryable } from '../../../electron/core/store/store';

const VAULT = '00000000-0000-4000-8000-000000000001';
const VMK = Buffer.from(Array.from({ length: 32 }, (_, i) => 0x40 + i));
const MASTER = Buffer.from(Array.from({ length: 32 }, (_, i) => i));

/** A case_keys table of one row, in memory: what CaseKeys and the rotation read and write. */
function oneRow(epoch: number, wrapped: Buffer): Queryable & { row: { epoch: number; wrapped: Buffer } } {
  const state = { row: { epoch, wrapped } };
  const q = {
    get: (s: Sql) => Promise.resolve(/^\s*SELECT/.test(s.text) ? state.row : undefined),
    run: (s: Sql) => {
      if (/^UPDATE case_keys/.test(s.text.trim()))
        state.row = { epoch: s.values[0] as number, wrapped: s.values[1] as Buffer };
      return Promise.resolve({ changes: 1 });
    },
  };
  return Object.defineProperty(q, 'row', { get: () => state.row }) as unknown as Queryable & typeof state;
}

const wrappedMaster = (vmk: Buffer, epoch: number) =>
  gcmSeal(deriveSubkey(vmk, VAULT, 'case-kwk'), Buffer.from(MASTER), `strongroom-case-master/v1|${VAULT}|${epoch}`);

describe('case keys', () => {
  it('derive the blind-index tokens the vectors give', async () => {
    const keys = (await CaseKeys.open(oneRow(1, wrappedMaster(VMK, 1)), VMK, VAULT, 1, false))!;
    // Lookup forms: digits of a phone however typed, a name without spaces.
    expect(keys.token('phone', '138-1234-5678').toString('hex')).toBe('131154d0d28d1c3dd637d997f9e6d3ca');
    expect(keys.token('phone', '+86 138 1234 5678'.replace('+86 ', '')).toString('hex')).toBe(
      '131154d0d28d1c3dd637d997f9e6d3ca',
    );
    expect(keys.token('name', ' 张 三 ').toString('hex')).toBe('6fbcfd7476dd6983506fcaf47a19d8db');
    // Tokens of one value differ by field.
    expect(keys.token('card', '13812345678').equals(keys.token('phone', '13812345678'))).toBe(false);
  });

  it('bind a batch key to its ceremony and a value to its case, column and batch', async () => {
    const keys = (await CaseKeys.open(oneRow(1, wrappedMaster(VMK, 1)), VMK, VAULT, 1, false))!;
    const { key, wrapped } = keys.newBatchKey('ceremony-a');
    expect(keys.openBatchKey('ceremony-a', wrapped).equals(key)).toBe(true);
    expect(() => keys.openBatchKey('ceremony-b', wrapped)).toThrow(expect.objectContaining({ code: 'VAULT_DAMAGED' }));
    const seal = new BatchSeal(Buffer.from(key), VAULT, 7);
    const sealed = seal.seal('ZX1', 'name', '冯华');
    expect(seal.open('ZX1', 'name', sealed)).toBe('冯华');
    expect(() => seal.open('ZX2', 'name', sealed)).toThrow(expect.objectContaining({ code: 'VAULT_DAMAGED' }));
    expect(() => seal.open('ZX1', 'employer', sealed)).toThrow(expect.objectContaining({ code: 'VAULT_DAMAGED' }));
    expect(() => new BatchSeal(Buffer.from(key), VAULT, 8).open('ZX1', 'name', sealed)).toThrow(
      expect.objectContaining({ code: 'VAULT_DAMAGED' }),
    );
    // Two seals of one value never share a nonce (nor ciphertext).
    expect(seal.seal('ZX1', 'name', '冯华').equals(sealed)).toBe(false);
    const mask = seal.sealMask('ZX1', 'home_address', '河南省郑州市中牟县***');
    expect(mask).toMatch(/^m1:/);
    expect(seal.openMask('ZX1', 'home_address', mask)).toBe('河南省郑州市中牟县***');
  });

  it('seal a field value as the vector gives, and refuse it changed anywhere', () => {
    const key = Buffer.from(MASTER);
    const aad = `strongroom-case-field/v2|${VAULT}|7|ZX1|name`;
    const nonce = Buffer.from(Array.from({ length: 12 }, (_, i) => 0xa0 + i));
    const sealed = fieldSeal(key, Buffer.from('冯华', 'utf8'), aad, nonce);
    expect(sealed.toString('hex')).toBe('a0a1a2a3a4a5a6a7a8a9aaabe92dd7bac0689614e7760377dabf5787f6be8650e59c');
    expect(fieldOpen(key, sealed, aad).toString('utf8')).toBe('冯华');
    for (const at of [0, 12, sealed.length - 1]) {
      const bent = Buffer.from(sealed);
      bent[at]! ^= 1;
      expect(() => fieldOpen(key, bent, aad)).toThrow(expect.objectContaining({ code: 'VAULT_DAMAGED' }));
    }
    expect(() => fieldOpen(key, sealed.subarray(0, 27), aad)).toThrow(
      expect.objectContaining({ code: 'VAULT_DAMAGED' }),
    );
  });

  it('re-wrap the master key under a new VMK: the tokens stay, the old VMK opens nothing new', async () => {
    const table = oneRow(1, wrappedMaster(VMK, 1));
    const before = (await CaseKeys.open(table, VMK, VAULT, 1, false))!.token('id', '11010519491231002X');
    const next = Buffer.from(createHash('sha256').update('next vmk').digest());
    await rewrapCaseMaster(table, VAULT, { vmk: VMK, epoch: 1 }, { vmk: next, epoch: 2 });
    expect(table.row.epoch).toBe(2);
    const after = (await CaseKeys.open(table, next, VAULT, 2, false))!;
    expect(after.token('id', '11010519491231002X').equals(before)).toBe(true);
    await expect(CaseKeys.open(table, VMK, VAULT, 2, false)).rejects.toMatchObject({ code: 'VAULT_DAMAGED' });
  });
});
