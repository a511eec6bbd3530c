/** vault.create is the first run's alone: never with a session open, never away from a vault set up here. */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEventView, Result } from '../../../shared/contract';
import { createRouter } from '../../../electron/core/api/router';
import { memoryDataDirStore, Workstation } from '../../../electron/core/api/workstation';
import { CJK_FONT } from '../../../electron/core/ledger/font';
import { ADMIN, freshVault, tempDir, testEnv } from '../../fixtures/vault';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

function workstationAt(dataDir: string, env = testEnv()) {
  const ws = new Workstation(memoryDataDirStore(dataDir), env, { fontPath: CJK_FONT });
  return { ws, router: createRouter(ws, () => undefined) };
}

async function scratch() {
  const { dir, cleanup } = await tempDir();
  cleanups.push(cleanup);
  return dir;
}

describe('first run', () => {
  it('refuses to create a vault while someone is signed in, and leaves the session and data directory be', async () => {
    const v = await freshVault();
    cleanups.push(v.cleanup);
    const { ws, router } = workstationAt(v.dataDir, v.env);
    expect(await router.call('session.login', ADMIN)).toMatchObject({ ok: true });
    const elsewhere = path.join(await scratch(), 'new');
    const refused = await router.call('vault.create', { dataDir: elsewhere, ...ADMIN });
    expect(refused).toMatchObject({ ok: false, code: 'NOT_PERMITTED', key: 'vault.alreadySetUp' });
    expect(await ws.dataDirs.get()).toBe(v.dataDir);
    expect(ws.session?.active).toBe(true);
    await expect(readdir(elsewhere)).rejects.toMatchObject({ code: 'ENOENT' });
    await ws.endSession('logout');
  });

  it('refuses to create a vault elsewhere once this workstation has one, signed in or not', async () => {
    const v = await freshVault();
    cleanups.push(v.cleanup);
    const { ws, router } = workstationAt(v.dataDir, v.env);
    const refused = await router.call('vault.create', { dataDir: path.join(await scratch(), 'new'), ...ADMIN });
    expect(refused).toMatchObject({ ok: false, code: 'NOT_PERMITTED', key: 'vault.alreadySetUp' });
    expect(await ws.dataDirs.get()).toBe(v.dataDir);
  });

  it('gives one answer for every path that cannot hold a vault, so it tells nothing about what exists', async () => {
    const dir = await scratch();
    const busy = path.join(dir, 'busy');
    await mkdir(busy);
    await writeFile(path.join(busy, 'notes.txt'), 'x');
    const existing = await freshVault();
    cleanups.push(existing.cleanup);
    const answers = [];
    for (const target of [path.join(dir, 'no', 'parent'), busy, existing.dataDir]) {
      const { router } = workstationAt(path.join(dir, 'fresh'));
      answers.push(await router.call('vault.create', { dataDir: target, ...ADMIN }));
    }
    expect(answers).toEqual(Array(3).fill({ ok: false, code: 'INPUT_REJECTED', key: 'dataDir.unusable' }));
  });

  it('creates the vault at first run, logged in the new vault, and points the workstation at it', async () => {
    const dir = await scratch();
    const { ws, router } = workstationAt(path.join(dir, 'default'));
    const target = path.join(dir, 'vault');
    expect(await router.call('vault.create', { dataDir: target, ...ADMIN })).toMatchObject({
      ok: true,
      value: { initialized: true, dataDir: target },
    });
    expect(await ws.dataDirs.get()).toBe(target);
    expect(await router.call('session.login', ADMIN)).toMatchObject({ ok: true });
    const log = (await router.call('audit.list', { limit: 5 })) as Result<{ events: AuditEventView[] }>;
    expect(log.ok && log.value.events.map((e) => e.action).reverse()).toEqual(['vault.created', 'login.ok']);
    await ws.endSession('logout');
  });
});
