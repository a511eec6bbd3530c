/**
 * Closing an account replaces the vault key (security-model.md, "Key hierarchy"), on a station
 * and on a floor alike: the closed account opens nothing, other sessions sign in again, the one
 * that closed it carries on, and the access log reads and verifies across the key epochs. On a
 * floor, also what the server holds afterwards and who may ask it to rotate.
 */
import { describe, expect, it } from 'vitest';
import { addAccount, closeAccount } from '../../../electron/core/accounts/account-admin';
import { listAudit, verifyAudit } from '../../../electron/core/audit/audit-service';
import { loadEpochKeys } from '../../../electron/core/keyring/epoch-keys';
import { FieldCipher } from '../../../electron/core/keyring/field-cipher';
import { bind } from '../../../electron/core/seats/seat-admin';
import type { Session } from '../../../electron/core/session/session';
import { login } from '../../../electron/core/session/unlock';
import { sql } from '../../../electron/core/store/sql';
import { readFloorFile } from '../../../electron/core/vault/floor-file';
import { routed } from '../../fixtures/router';
import { sharedCluster } from '../../fixtures/pg-shared';
import { testStore } from '../../fixtures/store';
import { ADMIN, vaultsPerTest } from '../../fixtures/vault';

const { vault } = vaultsPerTest();
const SLOW = { timeout: 120_000 };
const PASSWORDS: Record<string, string> = { 'li.na': 'Copper8Valley', 'wang.fang': 'Maple3Harbor' };
const passwordOf = (username: string) => PASSWORDS[username]!;

/** A vault with an agent and an auditor who have set their own passwords, and IT signed in. */
async function floorWithStaff() {
  const v = await vault();
  const it = await login(v.dataDir, ADMIN.username, ADMIN.password, v.env);
  for (const [username, role] of [
    ['li.na', 'agent_phone'],
    ['wang.fang', 'auditor'],
  ] as const) {
    await addAccount(it, { username, role, password: 'Initial9pass' });
    await bind(it, username, it.vault.seatId);
    const own = await login(v.dataDir, username, 'Initial9pass', v.env);
    await own.changePassword('Initial9pass', passwordOf(username));
    await own.logout();
  }
  return { ...v, it };
}

async function actionsBy(session: Session, actor: string): Promise<string[]> {
  const { events } = await listAudit(session, { actor, limit: 500 });
  return events.map((e) => e.action);
}

describe('closing an account replaces the vault key', SLOW, () => {
  it('leaves the closed account nothing, signs other sessions out, and lets the one that closed it carry on', async () => {
    const { dataDir, env, it: itSession } = await floorWithStaff();
    const auditor = await login(dataDir, 'wang.fang', passwordOf('wang.fang'), env);
    const before = itSession.vault.keyringState().epoch;

    await closeAccount(itSession, 'li.na', 'left the company');

    expect(itSession.vault.keyringState().epoch).toBe(before + 1);
    await expect(login(dataDir, 'li.na', passwordOf('li.na'), env)).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    // Another open session learns at its next call that it must sign in again.
    await expect(routed(auditor)('audit.list', { limit: 5 })).rejects.toMatchObject({
      code: 'NO_SESSION',
      key: 'session.keyRotated',
    });
    expect(auditor.active).toBe(false);
    // IT's session goes on under the new key: it adds an account, which then signs in.
    await addAccount(itSession, { username: 'zhao.lei', role: 'qc', password: 'Initial9pass' });
    await bind(itSession, 'zhao.lei', itSession.vault.seatId);
    const added = await login(dataDir, 'zhao.lei', 'Initial9pass', env);
    await added.logout();
    await itSession.logout();

    const again = await login(dataDir, 'wang.fang', passwordOf('wang.fang'), env);
    expect(again.vault.keyringState().epoch).toBe(before + 1);
    // The log reads and verifies across both epochs, and a name matches events from each.
    const report = await verifyAudit(again);
    expect(report).toMatchObject({ intact: true, firstBrokenSeq: null });
    const byIt = await actionsBy(again, ADMIN.username);
    expect(byIt).toEqual(expect.arrayContaining(['account.added', 'account.closed', 'vault.keyRotated']));
    expect(byIt.indexOf('vault.keyRotated')).toBeLessThan(byIt.lastIndexOf('account.added'));
    const closed = (await listAudit(again, { action: 'account.closed', limit: 5 })).events;
    expect(closed.map((e) => e.object)).toEqual(['li.na']);
    await again.logout();
  });

  it('rotates again on a second closure, and every epoch still reads', async () => {
    const { dataDir, env, it: itSession } = await floorWithStaff();
    const before = itSession.vault.keyringState().epoch;
    await closeAccount(itSession, 'li.na', 'left');
    await closeAccount(itSession, 'wang.fang', 'moved away');
    expect(itSession.vault.keyringState().epoch).toBe(before + 2);
    await itSession.logout();
    const it2 = await login(dataDir, ADMIN.username, ADMIN.password, env);
    expect(await verifyAudit(it2)).toMatchObject({ intact: true });
    const names = (await routed(it2)('account.list', {})).map((a: { username: string }) => a.username);
    expect(names).toEqual(expect.arrayContaining([ADMIN.username, 'li.na', 'wang.fang']));
    expect((await actionsBy(it2, 'wang.fang')).length).toBeGreaterThan(0);
    // IT signed in under the first epoch and the third: on a floor two seals of one name, one actor.
    const logins = (await it2.vault.audit.tally(it2.vault.db, 0, Number.MAX_SAFE_INTEGER, ['login.ok'])).filter(
      (row) => row.actor === ADMIN.username,
    );
    expect(logins).toHaveLength(1);
    expect(logins[0]!.n).toBeGreaterThanOrEqual(2);
    await it2.logout();
  });
});

describe.runIf(testStore() === 'postgres')('a floor after its vault key was replaced', SLOW, () => {
  it('holds the new key in every active slot only, and nothing new opens with the old key', async () => {
    const { dataDir, it: itSession } = await floorWithStaff();
    const database = (await readFloorFile(dataDir)).database;
    const oldVmk = Buffer.from((itSession.vault as unknown as { vmk: Buffer }).vmk);
    await closeAccount(itSession, 'li.na', 'left the company');

    const slots = await sharedCluster().query<{ account_id: string; epoch: string }>(
      database,
      'SELECT account_id, epoch FROM strongroom.keyslots ORDER BY account_id',
    );
    const info = await sharedCluster().query<{ epoch: string }>(database, 'SELECT epoch FROM strongroom.floor_info');
    const epoch = Number(info.rows[0]!.epoch);
    expect(epoch).toBe(2);
    // The closed account's slot is gone; IT's and the auditor's hold the new epoch's key.
    expect(slots.rows.map((r) => Number(r.epoch))).toEqual([2, 2]);

    const db = itSession.vault.db;
    // The old key opens neither the new epoch rows nor a name sealed since.
    await expect(
      db.transaction((tx) => loadEpochKeys(tx, oldVmk, itSession.vault.vaultId, epoch)),
    ).rejects.toMatchObject({ code: 'VAULT_DAMAGED' });
    const stored = await db.get<{ username: string; display_name: string }>(
      sql`SELECT username, display_name FROM accounts WHERE id = 1`,
    );
    const old = new FieldCipher(oldVmk, itSession.vault.vaultId);
    expect(() => old.open(stored!.username)).toThrow();
    expect(() => old.open(stored!.display_name)).toThrow();
    expect(db.fields.open(stored!.username)).toBe(ADMIN.username);
    await itSession.logout();
  });

  it('lets only account managers ask for the slots or replace the key, and only with a seal for every slot', async () => {
    const { dataDir, env, it: itSession } = await floorWithStaff();
    const auditor = await login(dataDir, 'wang.fang', passwordOf('wang.fang'), env);
    const token = (auditor.vault as unknown as { token: Buffer }).token;
    await expect(auditor.vault.db.all(sql`SELECT * FROM rotation_slots(${token})`)).rejects.toMatchObject({
      code: 'NOT_PERMITTED',
    });
    await expect(auditor.vault.db.get(sql`SELECT rotate_keys(${token}, 2, '{}', '[]') AS n`)).rejects.toMatchObject({
      code: 'NOT_PERMITTED',
    });
    await auditor.logout();

    // IT leaving a slot out: refused, nothing changed.
    const itToken = (itSession.vault as unknown as { token: Buffer }).token;
    await expect(itSession.vault.db.get(sql`SELECT rotate_keys(${itToken}, 2, '{}', '[]') AS n`)).rejects.toMatchObject(
      { code: '22023' },
    );
    const database = (await readFloorFile(dataDir)).database;
    const info = await sharedCluster().query<{ epoch: string }>(database, 'SELECT epoch FROM strongroom.floor_info');
    expect(Number(info.rows[0]!.epoch)).toBe(1);
    expect(await routed(itSession)('account.list', {})).toHaveLength(3);
    await itSession.logout();
  });
  it('lets one of two rotations at once through; the other is told to sign in again', async () => {
    const { dataDir, env, it: first } = await floorWithStaff();
    const second = await login(dataDir, ADMIN.username, ADMIN.password, env);
    const results = await Promise.allSettled(
      [first, second].map((s) => routed(s)('vault.rotateKey', { reason: 'quarterly rotation' })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused?.reason).toMatchObject({ code: 'NO_SESSION', key: 'session.keyRotated' });
    for (const s of [first, second]) await s.logout().catch(() => undefined);

    const auditor = await login(dataDir, 'wang.fang', passwordOf('wang.fang'), env);
    expect(auditor.vault.keyringState().epoch).toBe(2);
    expect(await verifyAudit(auditor)).toMatchObject({ intact: true });
    expect((await listAudit(auditor, { action: 'vault.keyRotated', limit: 5 })).events).toHaveLength(1);
    await auditor.logout();
  });
});
