/** `login`: credentials only; wrong password and unknown user look the same; lockout is 4. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN } from '../fixtures/vault';
import { cli, makeVault, oneErrorLine, type TestVault } from './run-cli';

let vault: TestVault;
beforeAll(async () => {
  vault = await makeVault([{ username: 'lock.me', role: 'qc', password: 'Locked2026x' }]);
});
afterAll(() => vault.cleanup());

const loginAs = (user: string, password: string) => cli(['--data-dir', vault.dataDir, 'login', user], { stdin: [password] });

describe('strongroom login', () => {
  it('prints ok, and the sign-in and sign-out are both in the access log', async () => {
    const ok = await cli(['--data-dir', vault.dataDir, 'login', ADMIN.username], { stdin: `${ADMIN.password}\r\n` });
    expect(ok).toMatchObject({ code: 0, stdout: 'ok\n', stderr: '' });
    const exported = await cli(['--data-dir', vault.dataDir, '--as', ADMIN.username, 'audit', 'export', '--format', 'jsonl'], {
      stdin: [ADMIN.password],
    });
    const actions = exported.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { action: string }).action);
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

  it('locks an account out after three failures (4), even with the right password', async () => {
    for (let i = 0; i < 3; i += 1) expect((await loginAs('lock.me', 'Wrong2026pass')).code).toBe(3);
    const locked = await loginAs('lock.me', 'Locked2026x');
    expect(locked.code).toBe(4);
    expect(oneErrorLine(locked)).toMatch(/locked out/);
  });

  it('rejects a data directory that does not exist (7)', async () => {
    const result = await cli(['--data-dir', `${vault.root}/absent`, 'login', ADMIN.username], { stdin: [ADMIN.password] });
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
});
