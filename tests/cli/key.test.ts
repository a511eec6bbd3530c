/** `key rotate` as IT: a new vault key, logged with its reason; refused to others and without a reason. */
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN } from '../fixtures/vault';
import { cli, makeVault, oneErrorLine, type TestVault } from './run-cli';

const SLOW = 120_000;
const AGENT = { username: 'agent.wu', role: 'agent_phone' as const, password: 'Dial2026tones' };
let vault: TestVault;
beforeAll(async () => {
  vault = await makeVault([AGENT]);
}, SLOW);
afterAll(() => vault.cleanup());

const as = (who: { username: string; password: string }, args: string[]) =>
  cli(['--data-dir', vault.dataDir, '--as', who.username, ...args], { stdin: [who.password] });

describe('strongroom key rotate', { timeout: SLOW }, () => {
  it('rotates the vault key as IT; a keyring copied before then opens nothing (8)', async () => {
    const copy = path.join(vault.dataDir, '..', 'keyring-before.json');
    await copyFile(path.join(vault.dataDir, 'keyring.json'), copy);
    const rotated = await as(ADMIN, ['key', 'rotate', '--reason', 'quarterly rotation']);
    expect(rotated).toMatchObject({ code: 0, stdout: 'vault key rotated: epoch 2\n', stderr: '' });
    expect((await as(ADMIN, ['key', 'rotate', '--reason', 'and again'])).stdout).toBe('vault key rotated: epoch 3\n');
    await copyFile(copy, path.join(vault.dataDir, 'keyring.json'));
    const stale = await cli(['--data-dir', vault.dataDir, 'login', AGENT.username], { stdin: [AGENT.password] });
    expect(stale.code).toBe(8);
    expect(oneErrorLine(stale)).toMatch(/keyring\.json does not match the vault/);
  });

  it('is refused to an agent (6) and without a usable reason before any password is read (7)', async () => {
    const fresh = await makeVault([AGENT]);
    try {
      const agent = await cli(
        ['--data-dir', fresh.dataDir, '--as', AGENT.username, 'key', 'rotate', '--reason', 'mine'],
        {
          stdin: [AGENT.password],
        },
      );
      expect(agent.code).toBe(6);
      const short = await cli(['--data-dir', fresh.dataDir, '--as', ADMIN.username, 'key', 'rotate', '--reason', 'x'], {
        stdin: [],
      });
      expect(short.code).toBe(7);
    } finally {
      await fresh.cleanup();
    }
  });
});
