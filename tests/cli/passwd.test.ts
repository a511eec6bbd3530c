/** `passwd USER`: changes a password (also a one-time or expired one); every refusal is exit 7. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, makeVault, oneErrorLine, type TestVault } from './run-cli';

/** Several Argon2id sign-ins per test, each a child process: room for a busy 2-core machine. */
const SLOW = 120_000;

const QC = { username: 'qc.zhou', role: 'qc' as const, password: 'Quality4Rt8m' };
const HIRE = { username: 'new.hire', role: 'auditor' as const, password: 'Fig8garden', as: 'oneTime' as const };
const AGING = { username: 'exp.fan', role: 'auditor' as const, password: 'Amber3violin' };
let vault: TestVault;
let aging: TestVault;
beforeAll(async () => {
  [vault, aging] = await Promise.all([makeVault([QC, HIRE]), makeVault([AGING])]);
}, SLOW);
afterAll(async () => {
  await vault.cleanup();
  await aging.cleanup();
});

const passwd = (v: TestVault, user: string, stdin: string[], faketime?: string) =>
  cli(['--data-dir', v.dataDir, 'passwd', user], { stdin, ...(faketime ? { faketime } : {}) });
const loginAs = (v: TestVault, user: string, password: string, faketime?: string) =>
  cli(['--data-dir', v.dataDir, 'login', user], { stdin: [password], ...(faketime ? { faketime } : {}) });

describe('strongroom passwd', { timeout: SLOW }, () => {
  it('changes the password: the old one stops working, the new one signs in', async () => {
    const changed = await passwd(vault, QC.username, [QC.password, 'Maple3river']);
    expect(changed).toMatchObject({ code: 0, stdout: 'password changed for qc.zhou\n', stderr: '' });
    expect((await loginAs(vault, QC.username, QC.password)).code).toBe(3);
    expect((await loginAs(vault, QC.username, 'Maple3river')).code).toBe(0);
  });

  it('refuses one of the last five passwords (7, password.reused)', async () => {
    const reused = await passwd(vault, QC.username, ['Maple3river', QC.password]);
    expect(reused.code).toBe(7);
    expect(oneErrorLine(reused)).toBe(
      'strongroom: the new password must differ from the current one and the last 5 passwords',
    );
  });

  it('refuses a password against the policy, common, with the name, a pattern or too similar (7)', async () => {
    const cases: [string, RegExp][] = [
      ['short1', /does not meet the policy \(at least 8 characters/],
      ['password1', /too common/],
      ['Zhou2026abc', /contains the username/],
      ['qwertzuiop7', /too easy to guess/],
      ['Maple3rivet', /too similar to the current one/],
    ];
    for (const [next, message] of cases) {
      const result = await passwd(vault, QC.username, ['Maple3river', next]);
      expect(result.code, next).toBe(7);
      expect(oneErrorLine(result), next).toMatch(message);
      expect(result.stderr).not.toContain(next);
    }
    // Nothing changed.
    expect((await loginAs(vault, QC.username, 'Maple3river')).code).toBe(0);
  });

  it('fails a wrong current password (3) and a missing new-password line (2)', async () => {
    const wrong = await passwd(vault, QC.username, ['Wrong2026pass', 'Cedar6orbit']);
    expect(wrong.code).toBe(3);
    expect(oneErrorLine(wrong)).toBe('strongroom: wrong username or password');
    const missing = await passwd(vault, QC.username, ['Maple3river']);
    expect(missing.code).toBe(2);
    expect(oneErrorLine(missing)).toMatch(/stdin ended before the new password for qc\.zhou/);
  });

  it('replaces a one-time password, after which the account can act', async () => {
    const before = await cli(['--data-dir', vault.dataDir, '--as', HIRE.username, 'user', 'list'], {
      stdin: [HIRE.password],
    });
    expect(before.code).toBe(5);
    expect(oneErrorLine(before)).toMatch(/one-time.*strongroom passwd new\.hire/);
    expect((await passwd(vault, HIRE.username, [HIRE.password, 'Onyx4meadow'])).code).toBe(0);
    const after = await cli(['--data-dir', vault.dataDir, '--as', HIRE.username, 'user', 'list', '--json'], {
      stdin: ['Onyx4meadow'],
    });
    expect(after.code).toBe(0);
    expect(
      (JSON.parse(after.stdout) as { username: string; state: string }[]).find((a) => a.username === 'new.hire')?.state,
    ).toBe('active');
  });
});

describe('a password older than 30 days (faketime +31 days)', { timeout: SLOW }, () => {
  const LATER = '+31 days';

  it('makes login and every --as command exit 5 until passwd changes it', async () => {
    const signIn = await loginAs(aging, AGING.username, AGING.password, LATER);
    expect(signIn.code).toBe(5);
    expect(oneErrorLine(signIn)).toBe(
      'strongroom: the password of exp.fan has expired: run "strongroom passwd exp.fan"',
    );
    const list = await cli(['--data-dir', aging.dataDir, '--as', AGING.username, 'user', 'list'], {
      stdin: [AGING.password],
      faketime: LATER,
    });
    expect(list.code).toBe(5);
    oneErrorLine(list);

    const changed = await passwd(aging, AGING.username, [AGING.password, 'Coral8piano'], LATER);
    expect(changed).toMatchObject({ code: 0, stdout: 'password changed for exp.fan\n' });
    expect(await loginAs(aging, AGING.username, 'Coral8piano', LATER)).toMatchObject({
      code: 0,
      stdout: 'ok\n',
      stderr: '',
    });
  });
});
