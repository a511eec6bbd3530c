/** A damaged vault is exit 8 with one line saying so, no stack trace, and no file changed. */
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN } from '../fixtures/vault';
import { cli, fingerprint, makeVault, oneErrorLine, type TestVault } from './run-cli';

let vault: TestVault;
beforeAll(async () => {
  vault = await makeVault();
});
afterAll(() => vault.cleanup());

/** A copy of the healthy vault, so each test damages its own. */
async function copyVault(name: string): Promise<string> {
  const dir = path.join(vault.root, name);
  await cp(vault.dataDir, dir, { recursive: true });
  return dir;
}

async function damage(file: string, change: (bytes: Buffer) => Buffer): Promise<void> {
  await writeFile(file, change(await readFile(file)));
}

describe('a damaged vault', () => {
  it('fails login and verify on flipped bytes in the middle of vault.db (8) and changes nothing', async () => {
    const dataDir = await copyVault('flipped');
    await damage(path.join(dataDir, 'vault.db'), (bytes) => {
      const middle = Math.floor(bytes.length / 2);
      for (let i = middle; i < middle + 16; i += 1) bytes[i] = bytes[i]! ^ 0xff;
      return bytes;
    });
    const before = await fingerprint(dataDir);
    const signIn = await cli(['--data-dir', dataDir, 'login', ADMIN.username], { stdin: [ADMIN.password] });
    const verify = await cli(['--data-dir', dataDir, '--as', ADMIN.username, 'audit', 'verify'], {
      stdin: [ADMIN.password],
    });
    for (const result of [signIn, verify]) {
      expect(result.code).toBe(8);
      expect(oneErrorLine(result)).toMatch(/damaged/);
      expect(result.stderr).not.toMatch(/\bat /);
      expect(result.stdout).toBe('');
    }
    expect(await fingerprint(dataDir)).toEqual(before);
  });

  it('fails on a truncated keyring.json (8), for login and status alike', async () => {
    const dataDir = await copyVault('truncated');
    await damage(path.join(dataDir, 'keyring.json'), (bytes) => bytes.subarray(0, Math.floor(bytes.length / 2)));
    const before = await fingerprint(dataDir);
    const signIn = await cli(['--data-dir', dataDir, 'login', ADMIN.username], { stdin: [ADMIN.password] });
    expect(signIn.code).toBe(8);
    expect(oneErrorLine(signIn)).toMatch(/damaged.*keyring/);
    const status = await cli(['--data-dir', dataDir, 'status', '--json']);
    expect(status.code).toBe(8);
    oneErrorLine(status);
    expect(await fingerprint(dataDir)).toEqual(before);
  });

  it('fails on a garbled vault.json (8)', async () => {
    const dataDir = await copyVault('manifest');
    await writeFile(path.join(dataDir, 'vault.json'), '{"format":');
    const status = await cli(['--data-dir', dataDir, 'status']);
    expect(status.code).toBe(8);
    expect(oneErrorLine(status)).toMatch(/damaged.*vault\.json/);
  });
});
