/** `login`: credentials, lockout (4, lifted after 30 minutes), a due password change (5), seat binding (6). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverLockTimePasses } from '../fixtures/behind-the-core';
import { ADMIN } from '../fixtures/vault';
import { cli, makeVault, oneErrorLine, type TestVault } from './run-cli';

/** Several Argon2id sign-ins per test, each a child process: room for a busy 2-core machine. */
const SLOW = 120_000;

const LOCK = { username: 'lock.me', role: 'qc' as const, password: 'Bolt7harbor' };
const FRESH = { username: 'fresh.hire', role: 'qc' as const, password: 'Maple3river', as: 'oneTime' as const };
const UNBOUND = { username: 'far.away', role: 'qc' as const, password: 'Pine2lantern', as: 'new' as const };
const AUDITOR = { username: 'audit.li', role: 'auditor' as const, password: 'Ledger58Quartz' };
let vault: TestVault;
beforeAll(async () => {
  vault = await makeVault([LOCK, FRESH, UNBOUND, AUDITOR]);
}, SLOW);
afterAll(() => vault.cleanup());

const loginAs = (user: string, password: string, faketime?: string) =>
  cli(['--data-dir', vault.dataDir, 'login', user], { stdin: [password], ...(faketime ? { faketime } : {}) });

describe('strongroom login', { timeout: SLOW }, () => {
  it('prints ok, and the sign-in and sign-out are both in the access log', async () => {
    const ok = await cli(['--data-dir', vault.dataDir, 'login', ADMIN.username], { stdin: `${ADMIN.password}\r\n` });
    expect(ok).toMatchObject({ code: 0, stdout: 'ok\n', stderr: '' });
    // The log is exported by the auditor: IT reads it but does not take it out (separation of duties).
    const exported = await cli(
      ['--data-dir', vault.dataDir, '--as', AUDITOR.username, 'audit', 'export', '--format', 'jsonl'],
      {
        stdin: [AUDITOR.password],
      },
    );
    const actions = exported.stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { action: string }).action);
    // The CLI login's pair, then the export's own sign-in.
    expect(actions.slice(-4)).toEqual(['login.ok', 'logout', 'login.ok', 'audit.exported']);
  });

  it('fails a wrong password and an unknown user with the same exit code and message (3)', async () => {
    const wrong = await loginAs(ADMIN.username, 'Wrong2026pass');
    const unknown = await loginAs('nobody.here', 'Wrong2026pass');
    expect(wrong.code).toBe(3);
    expect(unknown.code).toBe(3);
    expect(oneErrorLine(wrong)).toBe(oneErrorLine(unknown));
    expect(wrong.stdout + unknown.stdout).toBe('');
    expect(wrong.stderr).not.toContain('Wrong2026pass');
  });

  it('exits 5 for a one-time password, saying to run passwd', async () => {
    const result = await loginAs(FRESH.username, FRESH.password);
    expect(result.code).toBe(5);
    expect(result.stdout).toBe('');
    expect(oneErrorLine(result)).toBe(
      'strongroom: the password of fresh.hire is one-time and must be changed: run "strongroom passwd fresh.hire"',
    );
  });

  it('exits 6 for an account not bound to this seat, naming the seat', async () => {
    const result = await loginAs(UNBOUND.username, UNBOUND.password);
    expect(result.code).toBe(6);
    expect(oneErrorLine(result)).toMatch(/not bound to this seat \([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\)/);
  });

  it('rejects a data directory that does not exist (7)', async () => {
    const result = await cli(['--data-dir', `${vault.root}/absent`, 'login', ADMIN.username], {
      stdin: [ADMIN.password],
    });
    expect(result.code).toBe(7);
    expect(oneErrorLine(result)).toMatch(/no vault/);
  });

  it('treats a missing USER or missing stdin line as bad usage (2)', async () => {
    const noUser = await cli(['--data-dir', vault.dataDir, 'login'], { stdin: [ADMIN.password] });
    expect(noUser.code).toBe(2);
    oneErrorLine(noUser);
    const noPassword = await cli(['--data-dir', vault.dataDir, 'login', ADMIN.username]);
    expect(noPassword.code).toBe(2);
    expect(oneErrorLine(noPassword)).toMatch(/stdin ended before the password for it\.chen/);
  });

  // Last: the faketime run moves this vault's clock high-water mark 31 minutes ahead.
  it('locks an account out after three failures (4) even with the right password, until 30 minutes pass', async () => {
    for (let i = 0; i < 3; i += 1) expect((await loginAs(LOCK.username, 'Wrong2026pass')).code).toBe(3);
    const locked = await loginAs(LOCK.username, LOCK.password);
    expect(locked.code).toBe(4);
    expect(oneErrorLine(locked)).toMatch(/locked out for (29|30) more minutes/);

    await serverLockTimePasses(vault.dataDir, 31 * 60_000);
    const later = await loginAs(LOCK.username, LOCK.password, '+31 minutes');
    expect(later).toMatchObject({ code: 0, stderr: '' });
    // "ok", then what happened to the account since its owner last looked, oldest first: the
    // three failures, the lockout and the refused try.
    const [ok, ...notices] = later.stdout.trimEnd().split('\n');
    expect(ok).toBe('ok');
    const stamp = String.raw`^notice: \d{4}-\d\d-\d\d \d\d:\d\d UTC seat [0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}: `;
    expect(notices.map((l) => l.replace(new RegExp(stamp), ''))).toEqual([
      'a sign-in as you failed (unverified: recorded before sign-in)',
      'a sign-in as you failed (unverified: recorded before sign-in)',
      'a sign-in as you failed (unverified: recorded before sign-in)',
      expect.stringMatching(/^your account was locked out until \d{4}-\d\d-\d\d \d\d:\d\d UTC$/),
      'a sign-in as you was refused: the account was locked out',
    ]);
    for (const line of notices) expect(line).toMatch(new RegExp(stamp));
    // Told once: the next sign-in has nothing new to say.
    const again = await loginAs(LOCK.username, LOCK.password, '+31 minutes');
    expect(again).toMatchObject({ code: 0, stdout: 'ok\n', stderr: '' });
  });
});
