import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalEvent,
  canonicalJson,
  chainHash,
  genesisHash,
  type AuditRecord,
} from '../../../electron/core/audit/chain';

// Test vectors from docs/audit-chain.md (cross-checked with Python's hmac module).
const KEY = Buffer.alloc(32, 0x11);
const VAULT = '00000000-0000-4000-8000-000000000001';
const E1: AuditRecord = {
  seq: 1,
  at: 1795000000000,
  actor: 'it.chen',
  actorId: 1,
  seat: 'ABCD-EFGH-JKMN',
  action: 'vault.created',
  object: VAULT,
  outcome: 'ok',
  detail: '{"firstAccountRole":"it","schemaVersion":1}',
};
const E2: AuditRecord = { ...E1, seq: 2, at: 1795000001000, action: 'login.ok', object: null, detail: '{"role":"it"}' };

describe('audit chain format', () => {
  it('matches the documented test vectors', () => {
    const g = genesisHash(KEY, VAULT);
    expect(g.toString('hex')).toBe('37ddafb925357ac731b7a0b42b4924faa1c6bbf7b878c0f12b80693043b26359');
    const h1 = chainHash(KEY, g, E1);
    expect(h1.toString('hex')).toBe('21e4266cce004d82a63be5870c78f6e960392823a732893fd5b82ae96304be21');
    expect(chainHash(KEY, h1, E2).toString('hex')).toBe(
      'e90d712d4f102562b4a8e47daa7ef9edec74cb9086df6a3b300274e9a72b6322',
    );
  });

  it('changes the hash when any field changes', () => {
    const g = genesisHash(KEY, VAULT);
    const base = chainHash(KEY, g, E1).toString('hex');
    for (const altered of [
      { ...E1, actor: 'it.che' },
      { ...E1, actorId: 2 },
      { ...E1, seat: null },
      { ...E1, outcome: 'failed' as const },
      { ...E1, at: E1.at + 1 },
      { ...E1, detail: '{}' },
    ]) {
      expect(chainHash(KEY, g, altered).toString('hex')).not.toBe(base);
    }
  });

  it('encodes events unambiguously (no two events share a canonical form)', () => {
    const text = fc.option(fc.string(), { nil: null });
    fc.assert(
      fc.property(text, text, (a, b) => {
        const x = canonicalEvent({ ...E1, actor: a, object: b });
        const y = canonicalEvent({ ...E1, actor: b, object: a });
        return a === b || x !== y;
      }),
    );
  });

  it('sorts detail keys at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}',
    );
  });
});
