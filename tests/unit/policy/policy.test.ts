import { describe, expect, it } from 'vitest';
import { compositionProblems } from '../../../shared/password-rules';
import { DEFAULT_POLICY } from '../../../electron/core/policy/policy';
import { deriveSeatId } from '../../../electron/core/seats/seat-id';
import { normaliseUsername, usernameLookup } from '../../../electron/core/keyring/keyring';

describe('password composition (≥ 8, letters and digits)', () => {
  it.each([
    ['short1a', ['length']],
    ['abcdefgh', ['digit']],
    ['12345678', ['letter']],
    ['催收密码12345', []],
    ['Vault2026', []],
  ])('%s → %j', (password, problems) => {
    expect(compositionProblems(password, DEFAULT_POLICY)).toEqual(problems);
  });
});

describe('seat id', () => {
  it('is stable for one machine and vault and differs across either', () => {
    const a = deriveSeatId('vault-1', 'machine-a');
    expect(a).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(deriveSeatId('vault-1', 'machine-a')).toBe(a);
    expect(deriveSeatId('vault-1', 'machine-b')).not.toBe(a);
    expect(deriveSeatId('vault-2', 'machine-a')).not.toBe(a);
  });
});

describe('username lookup', () => {
  it('normalises case, width and spaces before hashing', () => {
    expect(normaliseUsername('  IT.Chen ')).toBe('it.chen');
    expect(normaliseUsername('ＩＴ.chen')).toBe('it.chen');
    const salt = 'ab'.repeat(32);
    expect(usernameLookup(salt, 'IT.Chen')).toBe(usernameLookup(salt, 'it.chen'));
    expect(usernameLookup(salt, 'it.chen')).not.toBe(usernameLookup('cd'.repeat(32), 'it.chen'));
  });
});
