import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addAccount } from '../../../electron/core/accounts/account-admin';
import { exportAnchor, listAudit, verifyAudit } from '../../../electron/core/audit/audit-service';
import { createVault } from '../../../electron/core/vault/create-vault';
import { login } from '../../../electron/core/session/unlock';
import { vaultStatus } from '../../../electron/core/vault/vault-status';
import { SCHEMA_VERSION } from '../../../electron/core/store/schema';
import { VaultError } from '../../../electron/core/errors';
import { testStore } from '../../fixtures/store';
import { ADMIN, vaultsPerTest } from '../../fixtures/vault';

const { vault: newVault } = vaultsPerTest();

describe('vault lifecycle', () => {
  it('creates a vault whose first account is IT and whose first event is vault.created', async () => {
    const { dataDir, env } = await newVault();
    const status = await vaultStatus(dataDir, env);
    // A floor says how many accounts it has to no one who hasn't signed in (keyslots are the server's).
    const accounts = testStore() === 'postgres' ? null : 1;
    expect(status).toMatchObject({ initialized: true, schemaVersion: SCHEMA_VERSION, accounts });
    const session = await login(dataDir, ADMIN.username, ADMIN.password, env);
    expect(session.info().role).toBe('it');
    const { events } = await listAudit(session, { limit: 10 });
    expect(events.map((e) => e.action).reverse()).toEqual(['vault.created', 'login.ok']);
    await session.logout();
  });

  it('refuses a wrong password with AUTH_FAILED and logs it at the next unlock', async () => {
    const { dataDir, env } = await newVault();
    await expect(login(dataDir, ADMIN.username, 'Wrong12345', env)).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    await expect(login(dataDir, 'nobody', 'Wrong12345', env)).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    const session = await login(dataDir, ADMIN.username, ADMIN.password, env);
    const { events } = await listAudit(session, { limit: 10 });
    const failed = events.filter((e) => e.action === 'preauth.loginFailed');
    expect(failed).toHaveLength(2);
    expect(failed.map((e) => e.actor).sort()).toEqual([ADMIN.username, null].sort());
    await session.logout();
  });

  it('verifies an intact chain and pins the head with an anchor', async () => {
    const { dataDir, env } = await newVault();
    const session = await login(dataDir, ADMIN.username, ADMIN.password, env);
    const anchor = await exportAnchor(session);
    const report = await verifyAudit(session, { anchor });
    expect(report).toMatchObject({ intact: true, anchor: 'matches', firstBrokenSeq: null });
    await session.logout();
  });

  it('keeps no username or event text in plaintext in the data directory', async () => {
    const { dataDir, env } = await newVault();
    const session = await login(dataDir, ADMIN.username, ADMIN.password, env);
    await addAccount(session, { username: 'auditor.li', role: 'auditor', password: 'Audit2026x' });
    await session.logout();
    for (const name of await readdir(dataDir)) {
      const bytes = await readFile(path.join(dataDir, name));
      for (const needle of ['it.chen', 'auditor.li', 'vault.created', 'login.ok', 'account.added']) {
        expect(bytes.includes(Buffer.from(needle)), `${needle} in ${name}`).toBe(false);
      }
    }
  });

  it('refuses to create a vault over an existing one', async () => {
    const { dataDir, env } = await newVault();
    const err = await createVault(dataDir, ADMIN, env).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VaultError);
    expect((err as VaultError).key).toBe('dataDir.unusable');
  });
});
