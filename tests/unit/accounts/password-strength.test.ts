import { describe, expect, it } from 'vitest';
import { strengthProblem, tooSimilar } from '../../../electron/core/accounts/password-strength';

const ctx = { username: 'zhang.wei', displayName: '张伟' };

describe('password blocklist', () => {
  it.each(['password1', 'abcd1234', 'Passw0rd', 'qwerty123'])('refuses the common password %s', (pw) => {
    expect(strengthProblem(pw, ctx)).toBe('common');
  });

  it.each(['qwer1234', '1qaz2wsx', 'zaq12wsx'])('refuses the keyboard walk %s', (pw) => {
    expect(strengthProblem(pw, ctx)).not.toBeNull();
  });

  it.each(['Strongroom1', 'cuishou2026', 'Yinhang2026', 'zhangwei2026x', 'Zhang.Wei88'])(
    'refuses the context password %s',
    (pw) => {
      expect(strengthProblem(pw, ctx)).toBe('context');
    },
  );

  it.each(['Gao8899li', 'Kx9mP2qa', 'Vault2026pass', 'river7Lantern'])('accepts %s', (pw) => {
    expect(strengthProblem(pw, ctx)).toBeNull();
  });

  it('refuses a new password too close to the previous one', () => {
    expect(tooSimilar('Lantern2027', 'Lantern2026')).toBe(true);
    expect(tooSimilar('river7Lantern', 'river8Lantern')).toBe(true);
    expect(tooSimilar('Gao8899li', 'river7Lantern')).toBe(false);
    expect(strengthProblem('river8Lantern', { ...ctx, previous: 'river7Lantern' })).toBe('similar');
  });
});
