/** One login at a time per vault: parallel attempts can't beat the lockout or leave a session behind. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRouter } from '../../../electron/core/api/router';
import { memoryDataDirStore, Workstation } from '../../../electron/core/api/workstation';
import { CJK_FONT } from '../../../electron/core/ledger/font';
import { LOCK_FILE } from '../../../electron/core/session/login-lock';
import type { Session } from '../../../electron/core/session/session';
import { login } from '../../../electron/core/session/unlock';
import { cli, makeVault } from '../../cli/run-cli';
import { ADMIN, vaultsPerTest } from '../../fixtures/vault';

const { vault, track } = vaultsPerTest();

const codeOf = (r: PromiseSettledResult<unknown>) =>
  r.status === 'rejected' ? (r.reason as { code: string }).code : 'ok';

describe('one login at a time', { timeout: 180_000 }, () => {
  it('counts six wrong passwords sent at once as six: the account locks', async () => {
    const { dataDir, env } = await vault();
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () => login(dataDir, ADMIN.username, 'Wrong-pass-1', env)),
    );
    expect(results.map(codeOf).sort()).toEqual([
      'AUTH_FAILED',
      'AUTH_FAILED',
      'AUTH_FAILED',
      'LOCKED_OUT',
      'LOCKED_OUT',
      'LOCKED_OUT',
    ]);
    await expect(login(dataDir, ADMIN.username, ADMIN.password, env)).rejects.toMatchObject({ code: 'LOCKED_OUT' });
  });

  it('counts wrong passwords from parallel CLI processes too (a lock file across processes)', async () => {
    // The real clock and machine, as the CLI has them.
    const v = await makeVault();
    track(v.cleanup);
    const args = ['--data-dir', v.dataDir, 'login', ADMIN.username];
    const runs = await Promise.all(Array.from({ length: 4 }, () => cli(args, { stdin: ['Wrong-pass-1'] })));
    expect(runs.map((r) => r.code).sort()).toEqual([3, 3, 3, 4]);
    expect((await cli(args, { stdin: [ADMIN.password] })).code).toBe(4);
  });

  it('counts parallel wrong re-authentications: the third locks and ends the session', async () => {
    const { dataDir, env } = await vault();
    const session = await login(dataDir, ADMIN.username, ADMIN.password, env);
    const results = await Promise.allSettled(Array.from({ length: 3 }, () => session.reauthenticate('Wrong-pass-1')));
    expect(results.map(codeOf)).toContain('LOCKED_OUT');
    expect(session.active).toBe(false);
    await expect(login(dataDir, ADMIN.username, ADMIN.password, env)).rejects.toMatchObject({ code: 'LOCKED_OUT' });
  });

  it('leaves exactly one open session when two sign-ins race on one workstation', async () => {
    const { dataDir, env } = await vault();
    const ws = new Workstation(memoryDataDirStore(dataDir), env, { fontPath: CJK_FONT });
    const begun: Session[] = [];
    const begin = ws.begin.bind(ws);
    ws.begin = (s) => {
      begun.push(s);
      begin(s);
    };
    const router = createRouter(ws, () => undefined);
    const both = await Promise.all([router.call('session.login', ADMIN), router.call('session.login', ADMIN)]);
    expect(both.map((r) => r.ok)).toEqual([true, true]);
    expect(begun).toHaveLength(2);
    expect(begun.filter((s) => s.active)).toEqual([ws.session]);
    await ws.endSession('logout');
  });

  it('takes over a lock file left by a process that died mid-login', async () => {
    const { dataDir, env } = await vault();
    await writeFile(path.join(dataDir, LOCK_FILE), '2147483646\n');
    const session = await login(dataDir, ADMIN.username, ADMIN.password, env);
    expect(session.active).toBe(true);
    await session.logout();
  });
});
