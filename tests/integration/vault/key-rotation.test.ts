/**
 * Closing an account destroys its access (issue 7, point 5): the vault master key is replaced,
 * the database re-keyed and the new key sealed to the remaining accounts only. A copy of the
 * keyring taken before, with the departed person's password, opens nothing current.
 */
import { copyFile, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addAccount, closeAccount, resetPassword } from '../../../electron/core/accounts/account-admin';
import { KEYRING_FILE, findSlot, openSlot, readKeyring, unsealVmk } from '../../../electron/core/keyring/keyring';
import { deriveSubkey } from '../../../electron/core/keyring/subkeys';
import { bind } from '../../../electron/core/seats/seat-admin';
import { login } from '../../../electron/core/session/unlock';
import { Db } from '../../../electron/core/store/db';
import { sql } from '../../../electron/core/store/sql';
import { DB_FILE } from '../../../electron/core/vault/manifest';
import { snapshot } from '../../fixtures/files';
import { routed } from '../../fixtures/router';
import { ADMIN, vaultsPerTest } from '../../fixtures/vault';

const { vault } = vaultsPerTest();
const LI = { username: 'li.na', password: 'Initial9pass' };

/** What someone holding `keyringFile` and a password can decrypt of the database: its key, tried. */
async function opensDatabase(dataDir: string, keyringFile: string, who: typeof LI): Promise<boolean> {
  const keyring = await readKeyring(keyringFile);
  const slot = findSlot(keyring, who.username)!;
  const accountKey = await openSlot(keyring.vaultId, slot, who.password);
  const vmk = unsealVmk({ vaultId: keyring.vaultId, epoch: keyring.epoch }, slot, accountKey!);
  const db = await Db.open(path.join(dataDir, DB_FILE), deriveSubkey(vmk!, keyring.vaultId, 'sqlcipher'), false).catch(
    () => null,
  );
  if (db === null) return false;
  await db.close();
  return true;
}

async function withLi() {
  const v = await vault();
  const it = await login(v.dataDir, ADMIN.username, ADMIN.password, v.env);
  await addAccount(it, { ...LI, role: 'agent_phone' });
  await bind(it, LI.username, it.vault.seatId);
  const copy = path.join(v.dataDir, '..', 'keyring-before.json');
  await copyFile(path.join(v.dataDir, KEYRING_FILE), copy);
  return { ...v, it, copy };
}

/** Several Argon2id sign-ins per test: room for a busy 2-core machine. */
const SLOW = 180_000;

describe('closing an account rotates the vault key', { timeout: SLOW }, () => {
  it("leaves a keyring copied before the departure, with the departed person's password, unable to open the database", async () => {
    const { dataDir, env, it: itSession, copy } = await withLi();
    expect(await opensDatabase(dataDir, copy, LI)).toBe(true); // the copy works while li.na is employed
    await closeAccount(itSession, LI.username, 'left the company');
    // Someone hired afterwards is in a database the old key cannot open either.
    await addAccount(itSession, { username: 'zhao.lei', role: 'agent_phone', password: 'Second9pass' });
    expect(await opensDatabase(dataDir, copy, LI)).toBe(false);
    expect(itSession.vault.keyringState().epoch).toBe(2);
    const keyring = await readKeyring(path.join(dataDir, KEYRING_FILE));
    expect(findSlot(keyring, LI.username)).toBeUndefined();
    // The rest carry on without anyone's password having been asked for.
    await itSession.logout();
    const again = await login(dataDir, ADMIN.username, ADMIN.password, env);
    const report = await again.vault.audit.verify(again.vault.db);
    expect(report).toMatchObject({ intact: true, firstBrokenSeq: null });
    const rotated = await again.vault.db.get<{ detail: string }>(
      sql`SELECT detail FROM audit_events WHERE action = 'vault.keyRotated'`,
    );
    expect(JSON.parse(rotated!.detail)).toEqual({ reason: 'accountClosed', fromEpoch: 1, toEpoch: 2, slots: 1 });
    await again.logout();
  });

  it('keeps the access log verifying across several rotations, and still finds an edited event of an old epoch', async () => {
    const { dataDir, env, it: itSession } = await withLi();
    const anchor = await itSession.vault.audit.anchor(itSession.vault.db, itSession.vault.now());
    const call = routed(itSession);
    for (const n of [1, 2, 3]) await call('vault.rotateKey', { reason: `scheduled rotation ${n}` });
    expect(itSession.vault.keyringState().epoch).toBe(4);
    await itSession.logout();
    const again = await login(dataDir, LI.username, LI.password, env);
    expect(await again.vault.audit.verify(again.vault.db, { anchor })).toMatchObject({
      intact: true,
      anchor: 'matches',
    });
    await again.vault.db.run(sql`UPDATE audit_events SET outcome = 'failed' WHERE seq = 2`);
    expect(await again.vault.audit.verify(again.vault.db)).toMatchObject({ intact: false, firstBrokenSeq: 2 });
    await again.logout();
  });

  it('opens events sealed before sign-in to the key of an earlier epoch', async () => {
    const { dataDir, env, it: itSession } = await withLi();
    await routed(itSession)('vault.rotateKey', { reason: 'scheduled rotation' });
    await itSession.logout();
    // Sealed to the epoch-2 key, drained after a rotation to epoch 3 by another session.
    await expect(login(dataDir, LI.username, 'wrong-password', env)).rejects.toMatchObject({ key: 'login.failed' });
    const other = await login(dataDir, ADMIN.username, ADMIN.password, env);
    expect(other.vault.keyringState().epoch).toBe(2);
    await other.logout();
    const events = await (async () => {
      const s = await login(dataDir, LI.username, LI.password, env);
      const rows = await s.vault.db.all<{ action: string }>(sql`SELECT action FROM audit_events ORDER BY seq`);
      await s.logout();
      return rows.map((r) => r.action);
    })();
    expect(events.filter((a) => a.startsWith('preauth.'))).toEqual(['preauth.loginFailed']);
  });

  it('starts from the keyring on disk: a slot added by another session is kept when this one writes', async () => {
    const { dataDir, env, it: itSession } = await withLi();
    const li = await login(dataDir, LI.username, LI.password, env);
    await addAccount(itSession, { username: 'zhao.lei', role: 'agent_phone', password: 'Second9pass' });
    await bind(itSession, 'zhao.lei', itSession.vault.seatId);
    await li.changePassword(LI.password, 'Harbor2027quill');
    await li.logout();
    await itSession.logout();
    const zhao = await login(dataDir, 'zhao.lei', 'Second9pass', env);
    expect(zhao.active).toBe(true);
    await zhao.logout();
  });

  it('ends another open session at its next call once the key was rotated under it', async () => {
    const { dataDir, env, it: itSession } = await withLi();
    const li = await login(dataDir, LI.username, LI.password, env);
    await routed(itSession)('vault.rotateKey', { reason: 'scheduled rotation' });
    await expect(routed(li)('session.activity', {})).rejects.toMatchObject({
      code: 'NO_SESSION',
      key: 'session.keyRotated',
    });
    expect(li.active).toBe(false);
    await itSession.logout();
  });

  it('refuses the old keyring restored after a rotation, and writes nothing', async () => {
    const { dataDir, env, it: itSession, copy } = await withLi();
    await closeAccount(itSession, LI.username, 'left the company');
    await itSession.logout();
    await copyFile(copy, path.join(dataDir, KEYRING_FILE));
    const before = await snapshot(dataDir);
    await expect(login(dataDir, ADMIN.username, ADMIN.password, env)).rejects.toMatchObject({
      code: 'VAULT_DAMAGED',
      key: 'keyring.stale',
    });
    await expect(login(dataDir, LI.username, LI.password, env)).rejects.toMatchObject({
      code: 'VAULT_DAMAGED',
      key: 'keyring.stale',
    });
    // The passwords were right, so nothing was counted either: every file is as it was.
    expect(await snapshot(dataDir)).toEqual(before);
  });

  it('lets only IT ask for a rotation, with its reason logged', async () => {
    const { dataDir, env, it: itSession } = await withLi();
    const li = await login(dataDir, LI.username, LI.password, env);
    await li.changePassword(LI.password, 'Harbor2027quill');
    await expect(routed(li)('vault.rotateKey', { reason: 'not mine to ask' })).rejects.toMatchObject({
      code: 'NOT_PERMITTED',
    });
    expect(await routed(itSession)('vault.rotateKey', { reason: 'quarterly rotation' })).toEqual({ epoch: 2 });
    const row = await itSession.vault.db.get<{ detail: string; actor: string }>(
      sql`SELECT detail, actor FROM audit_events WHERE action = 'vault.keyRotated'`,
    );
    expect(row?.actor).toBe(ADMIN.username);
    expect(JSON.parse(row!.detail)).toMatchObject({ reason: 'requested', note: 'quarterly rotation' });
    await itSession.logout();
  });

  it('does not rotate when the action it goes with is refused: nothing changes on disk', async () => {
    const { dataDir, it: itSession } = await withLi();
    await closeAccount(itSession, LI.username, 'left the company');
    const keyringBefore = await readFile(path.join(dataDir, KEYRING_FILE));
    await expect(closeAccount(itSession, LI.username, 'again')).rejects.toMatchObject({ key: 'account.closed' });
    await expect(resetPassword(itSession, LI.username, 'left')).rejects.toMatchObject({ key: 'account.closed' });
    expect(await readFile(path.join(dataDir, KEYRING_FILE))).toEqual(keyringBefore);
    expect((await readdir(dataDir)).filter((f) => f.includes('next'))).toEqual([]);
    await itSession.logout();
  });
});
