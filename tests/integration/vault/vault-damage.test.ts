import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createVault } from '../../../electron/core/vault/create-vault';
import { login } from '../../../electron/core/session/unlock';
import { readOnlyDir, snapshot } from '../../fixtures/files';
import { ADMIN, tempDir, testEnv } from '../../fixtures/vault';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function newVault() {
  const { dir, cleanup } = await tempDir();
  cleanups.push(cleanup);
  const dataDir = path.join(dir, 'vault');
  const env = testEnv();
  await createVault(dataDir, ADMIN, env);
  await (await login(dataDir, ADMIN.username, ADMIN.password, env)).logout();
  return { dir, dataDir, env };
}

async function corrupt(file: string, mutate: (b: Buffer) => Buffer): Promise<void> {
  await writeFile(file, mutate(await readFile(file)));
}

describe('a damaged vault is refused and left as it was', () => {
  it('finds bytes flipped in the middle of vault.db at unlock', async () => {
    const { dataDir, env } = await newVault();
    await corrupt(path.join(dataDir, 'vault.db'), (b) => {
      const mid = Math.floor(b.length / 2);
      for (let i = 0; i < 16; i++) b[mid + i]! ^= 0xff;
      return b;
    });
    const before = await snapshot(dataDir);
    // A page read while the database opens can't be told from a key that doesn't match: then the
    // refusal is keyring.stale, whose message names a damaged database too.
    await expect(login(dataDir, ADMIN.username, ADMIN.password, env)).rejects.toMatchObject({
      code: 'VAULT_DAMAGED',
      key: expect.stringMatching(/^(vault\.damaged|keyring\.stale)$/) as string,
    });
    expect(await snapshot(dataDir)).toEqual(before);
  });

  it('finds a damaged first page (the file header)', async () => {
    const { dataDir, env } = await newVault();
    await corrupt(path.join(dataDir, 'vault.db'), (b) => {
      b[100]! ^= 0x01;
      return b;
    });
    await expect(login(dataDir, ADMIN.username, ADMIN.password, env)).rejects.toMatchObject({ code: 'VAULT_DAMAGED' });
  });

  it.each([
    ['truncated', (b: Buffer) => b.subarray(0, Math.floor(b.length / 2))],
    ['garbled', (b: Buffer) => Buffer.from(b.toString('utf8').replace(/"wrapped": "./, '"wrapped": "!'))],
    ['empty', () => Buffer.alloc(0)],
  ])('refuses a %s keyring as damaged', async (_name, mutate) => {
    const { dataDir, env } = await newVault();
    await corrupt(path.join(dataDir, 'keyring.json'), mutate);
    const before = await snapshot(dataDir);
    await expect(login(dataDir, ADMIN.username, ADMIN.password, env)).rejects.toMatchObject({
      code: 'VAULT_DAMAGED',
      key: 'keyring.damaged',
    });
    expect(await snapshot(dataDir)).toEqual(before);
  });

  it('refuses a keyring with a slot added by someone without the master key', async () => {
    const { dataDir, env } = await newVault();
    await corrupt(path.join(dataDir, 'keyring.json'), (b) => {
      const k = JSON.parse(b.toString('utf8'));
      k.slots.push({ ...k.slots[0], slotId: '0123456789abcdef', lookup: 'ee'.repeat(32), accountId: 9 });
      return Buffer.from(JSON.stringify(k));
    });
    await expect(login(dataDir, ADMIN.username, ADMIN.password, env)).rejects.toMatchObject({
      code: 'VAULT_DAMAGED',
      key: 'keyring.damaged',
    });
  });

  it('says there is no vault in a missing directory', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    await expect(login(path.join(dir, 'nope'), ADMIN.username, ADMIN.password, testEnv())).rejects.toMatchObject({
      code: 'INPUT_REJECTED',
      key: 'vault.missing',
    });
  });

  it('refuses, with one answer, a directory whose parent is missing or that holds other files', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    await expect(createVault(path.join(dir, 'a', 'b'), ADMIN, testEnv())).rejects.toMatchObject({
      key: 'dataDir.unusable',
    });
    const busy = path.join(dir, 'busy');
    await mkdir(busy);
    await writeFile(path.join(busy, 'notes.txt'), 'x');
    await expect(createVault(busy, ADMIN, testEnv())).rejects.toMatchObject({ key: 'dataDir.unusable' });
    expect(await snapshot(busy)).toEqual({ 'notes.txt': expect.any(String) });
  });

  it('refuses a password that breaks the composition rule before touching the disk', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    await expect(createVault(path.join(dir, 'v'), { ...ADMIN, password: 'abcdefgh' }, testEnv())).rejects.toMatchObject(
      {
        code: 'INPUT_REJECTED',
        key: 'password.policy',
      },
    );
    expect(await snapshot(dir)).toEqual({});
  });

  it('refuses a read-only data directory', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const ro = await readOnlyDir(path.join(dir, 'ro'));
    try {
      await expect(createVault(ro.path, ADMIN, testEnv())).rejects.toMatchObject({ key: 'dataDir.unusable' });
    } finally {
      await ro.release();
    }
  });
});
