/**
 * keyring.json is bound to the database by a generation under its MAC: restoring an older copy
 * (to bring back a password changed or reset since, or a closed account's slot) is refused at
 * unlock as damaged, and nothing is written.
 */
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addAccount, closeAccount } from '../../../electron/core/accounts/account-admin';
import { KEYRING_FILE } from '../../../electron/core/keyring/keyring';
import { bind } from '../../../electron/core/seats/seat-admin';
import { login } from '../../../electron/core/session/unlock';
import { snapshot } from '../../fixtures/files';
import { ADMIN, vaultsPerTest } from '../../fixtures/vault';

const { vault } = vaultsPerTest();

async function keyringVault() {
  const v = await vault();
  const keyring = path.join(v.dataDir, KEYRING_FILE);
  const copy = path.join(v.dataDir, '..', 'keyring-copy.json');
  return { ...v, keyring, copy };
}

describe('keyring generation', () => {
  it('refuses a keyring restored from before a password change, and writes nothing', async () => {
    const { dataDir, env, keyring, copy } = await keyringVault();
    await copyFile(keyring, copy);
    const it = await login(dataDir, ADMIN.username, ADMIN.password, env);
    await it.changePassword(ADMIN.password, 'Harbor2027quill');
    await it.logout();
    await copyFile(copy, keyring);
    const before = await snapshot(dataDir);
    await expect(login(dataDir, ADMIN.username, ADMIN.password, env)).rejects.toMatchObject({
      code: 'VAULT_DAMAGED',
      key: 'keyring.stale',
    });
    expect(await snapshot(dataDir)).toEqual(before);
  });

  it("refuses a keyring restored from before an account was closed (the closed account's slot)", async () => {
    const { dataDir, env, keyring, copy } = await keyringVault();
    const it = await login(dataDir, ADMIN.username, ADMIN.password, env);
    await addAccount(it, { username: 'li.na', role: 'agent_phone', password: 'Initial9pass' });
    await bind(it, 'li.na', it.vault.seatId);
    await copyFile(keyring, copy);
    await closeAccount(it, 'li.na', 'left the company');
    await it.logout();
    await copyFile(copy, keyring);
    await expect(login(dataDir, 'li.na', 'Initial9pass', env)).rejects.toMatchObject({
      code: 'VAULT_DAMAGED',
      key: 'keyring.stale',
    });
  });

  it('keeps opening as the keyring changes in step with the database', async () => {
    const { dataDir, env } = await keyringVault();
    const it = await login(dataDir, ADMIN.username, ADMIN.password, env);
    await addAccount(it, { username: 'li.na', role: 'agent_phone', password: 'Initial9pass' });
    await it.changePassword(ADMIN.password, 'Harbor2027quill');
    expect(it.vault.keyringState().generation).toBe(3);
    await it.logout();
    const again = await login(dataDir, ADMIN.username, 'Harbor2027quill', env);
    expect(again.active).toBe(true);
    await again.logout();
  });
});
