/**
 * Fixed test vectors for seat ids (docs/keyring-format.md, "Test vectors"):
 * the first 80 bits of HMAC-SHA256(key = UTF-8("strongroom-seat/v1|" + vaultId), UTF-8(machineId))
 * in Crockford base 32, the first 12 characters grouped XXXX-XXXX-XXXX.
 *
 * The expected ids were computed outside this code base with Python 3:
 * `hmac.new(key, machine_id, sha256).digest()[:10]`, then `base64.b32encode` (RFC 4648, 16
 * characters for 80 bits, no padding) re-lettered from "A…Z2…7" to Crockford's "0…9A…Z" minus
 * I, L, O, U, keeping the first 12.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveSeatId } from '../../../electron/core/seats/seat-id';

const VAULT_1 = '00000000-0000-4000-8000-000000000001';
const VAULT_2 = '00000000-0000-4000-8000-000000000002';
const SHAPE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

const VECTORS = [
  { vaultId: VAULT_1, machineId: 'b08dfa6083e7567a1921a715000001fb', seatId: 'R9D6-208P-QBPH' }, // Linux machine-id
  { vaultId: VAULT_1, machineId: '3f2504e0-4f89-11d3-9a0c-0305e82c3301', seatId: 'HFH0-GRB4-HERY' }, // Windows MachineGuid
  { vaultId: VAULT_1, machineId: '5A3C8E12-7F4B-4D2E-9C1A-6B8D0E2F4A7C', seatId: 'M4T6-05JK-5XA0' }, // macOS IOPlatformUUID
  { vaultId: VAULT_2, machineId: 'b08dfa6083e7567a1921a715000001fb', seatId: '2QCR-4ZXY-YHNK' },
];

describe('seat id test vectors', () => {
  it.each(VECTORS)('derives $seatId for machine $machineId in vault $vaultId', ({ vaultId, machineId, seatId }) => {
    expect(deriveSeatId(vaultId, machineId)).toBe(seatId);
  });

  it('gives the same machine another seat id in another vault', () => {
    expect(deriveSeatId(VAULT_1, VECTORS[0]!.machineId)).not.toBe(deriveSeatId(VAULT_2, VECTORS[0]!.machineId));
  });

  it('takes the machine id as given: case matters', () => {
    expect(deriveSeatId(VAULT_1, VECTORS[2]!.machineId.toLowerCase())).not.toBe(VECTORS[2]!.seatId);
  });

  it('always gives the same XXXX-XXXX-XXXX Crockford id for the same vault and machine', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.string({ unit: 'grapheme' }), (vaultId, machineId) => {
        const id = deriveSeatId(vaultId, machineId);
        expect(id).toMatch(SHAPE);
        expect(deriveSeatId(vaultId, machineId)).toBe(id);
      }),
    );
  });
});
