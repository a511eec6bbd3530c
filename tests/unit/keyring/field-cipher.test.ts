/**
 * The floor's field seal (docs/field-seal.md). The expected values were computed outside this
 * code base from the format as documented, with pyca/cryptography 48: `HKDF(SHA256, 32,
 * salt = vaultId, info = 'strongroom/v1/<label>')`, the name nonce `hmac.new(blindIndexKey,
 * name, sha256).digest()[:12]`, then `AESGCM(piiFieldKey).encrypt(nonce, text, aad)`.
 */
import { describe, expect, it } from 'vitest';
import { sealedParts } from '../../../shared/audit-actions';
import { FieldCipher, fieldKeysOf } from '../../../electron/core/keyring/field-cipher';
import { FieldsHolder, plainFields } from '../../../electron/core/store/field-seal';

const VMK = Buffer.from(Array.from({ length: 32 }, (_, i) => i));
const VAULT = '00000000-0000-4000-8000-000000000001';

const VECTORS = {
  names: [
    ['张伟', 'n1:8i2WVzIcYzQbyIwsiiHy8V_QEZPrHEwTFwpPY35TAP1zAg'],
    ['liu.yang', 'n1:J7GgUG1eqbFZHOQDr5Ckeyv7vXl_p5aMt9VFcvAR9Bp7i-VT'],
  ],
  /** Sealed text with the nonce a0 a1 … ab (a real seal's nonce is random). */
  text: ['客户孙丽华来电', 't1:oKGio6SlpqeoqaqrlVJ_2w9ilE4ll4j2LfG20Ga32fZyXJ799mlPaZBL4ghLEqezSw'],
} as const;

const damaged = { code: 'VAULT_DAMAGED', key: 'vault.damaged' };

describe('the field seal', () => {
  const cipher = new FieldCipher(VMK, VAULT);

  it('seals a name to the documented vector, the same every time, and opens it', () => {
    for (const [name, sealed] of VECTORS.names) {
      expect(cipher.name(name)).toBe(sealed);
      expect(cipher.open(sealed)).toBe(name);
    }
  });

  it('seals text afresh each time and opens a value sealed outside this code', () => {
    const a = cipher.text(VECTORS.text[0]);
    expect(a).not.toBe(cipher.text(VECTORS.text[0]));
    expect(a.startsWith('t1:')).toBe(true);
    expect(cipher.open(a)).toBe(VECTORS.text[0]);
    expect(cipher.open(VECTORS.text[1])).toBe(VECTORS.text[0]);
  });

  it('refuses plaintext, an altered byte, a swapped kind and another vault as damage', () => {
    const sealed = VECTORS.names[0][1];
    const body = Buffer.from(sealed.slice(3), 'base64url');
    body[20]! ^= 1;
    const other = new FieldCipher(VMK, '00000000-0000-4000-8000-000000000002');
    for (const stored of [
      '张伟',
      '',
      'n1:',
      `n1:${body.toString('base64url')}`,
      `t1:${sealed.slice(3)}`,
      `${sealed}=`,
      other.name('张伟'),
    ])
      expect(() => cipher.open(stored)).toThrow(expect.objectContaining(damaged));
  });

  it('holds nothing until a vault gives it keys, and nothing after it is wiped', () => {
    const holder = new FieldsHolder();
    expect(() => holder.name('张伟')).toThrow(expect.objectContaining({ code: 'NO_SESSION' }));
    holder.use(new FieldCipher(VMK, VAULT));
    expect(holder.name('张伟')).toBe(VECTORS.names[0][1]);
    holder.wipe();
    expect(() => holder.open(VECTORS.names[0][1])).toThrow(expect.objectContaining({ code: 'NO_SESSION' }));
  });

  it('leaves values as they are in the embedded store (its file is the seal)', () => {
    expect([plainFields.name('张伟'), plainFields.text('x'), plainFields.open('y')]).toEqual(['张伟', 'x', 'y']);
    expect(plainFields.names('张伟')).toEqual(['张伟']);
  });
});

describe('the field seal across key epochs (a rotation)', () => {
  const NEXT = Buffer.alloc(32, 7);
  const both = new FieldCipher([fieldKeysOf(VMK, VAULT), fieldKeysOf(NEXT, VAULT)], VAULT);
  const next = new FieldCipher(NEXT, VAULT);

  it('seals under the newest epoch, opens every epoch, and looks a name up by each seal', () => {
    expect(both.name('张伟')).toBe(next.name('张伟'));
    expect(both.name('张伟')).not.toBe(VECTORS.names[0][1]);
    expect(both.open(VECTORS.names[0][1])).toBe('张伟');
    expect(both.open(VECTORS.text[1])).toBe(VECTORS.text[0]);
    expect(next.open(both.text('新的备注'))).toBe('新的备注');
    expect(both.names('张伟')).toEqual([next.name('张伟'), VECTORS.names[0][1]]);
  });

  it('leaves what the new epoch sealed closed to the old key', () => {
    const old = new FieldCipher(VMK, VAULT);
    for (const sealed of [both.name('张伟'), both.text('新的备注')])
      expect(() => old.open(sealed)).toThrow(expect.objectContaining(damaged));
  });
});

describe("what of an event is sealed, from the action registry's schemas", () => {
  it.each([
    ['account.reset', { object: true, names: [], texts: ['reason'] }],
    ['approval.refused', { object: true, names: ['approver'], texts: [] }],
    ['approval.granted', { object: true, names: ['requester'], texts: [] }],
    ['vault.keyRotated', { object: false, names: [], texts: ['note'] }],
    ['audit.searched', { object: false, names: [], texts: ['actor', 'action'] }],
    ['seat.flagged', { object: false, names: [], texts: [] }],
    ['no.such.action', { object: false, names: [], texts: [] }],
  ])('%s', (action, parts) => {
    expect(sealedParts(action)).toEqual(parts);
  });
});
