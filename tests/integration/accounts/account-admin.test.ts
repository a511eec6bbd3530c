import { afterEach, describe, expect, it } from 'vitest';
import {
  addAccount,
  changeRole,
  closeAccount,
  accountDetails,
  resetPassword,
  unlockAccount,
} from '../../../electron/core/accounts/account-admin';
import { listAudit } from '../../../electron/core/audit/audit-service';
import { bind } from '../../../electron/core/seats/seat-admin';
import { login } from '../../../electron/core/session/unlock';
import { routed } from '../../fixtures/router';
import { ADMIN, freshVault } from '../../fixtures/vault';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const DAY = 86_400_000;

async function setup() {
  const v = await freshVault();
  cleanups.push(v.cleanup);
  const it = await login(v.dataDir, ADMIN.username, ADMIN.password, v.env);
  await addAccount(it, { username: 'li.na', role: 'agent_phone', password: 'Initial9pass' });
  await bind(it, 'li.na', it.vault.seatId);
  return { ...v, it };
}

describe('account administration', () => {
  it('makes an IT-issued password one-time: the first login must change it', async () => {
    const { dataDir, env, it } = await setup();
    await it.logout();
    const agent = await login(dataDir, 'li.na', 'Initial9pass', env);
    expect(agent.passwordChange).toBe('oneTime');
    await expect(routed(agent)('seat.list', {})).rejects.toMatchObject({ code: 'PASSWORD_EXPIRED' });
    await agent.changePassword('Initial9pass', 'river7Lantern');
    expect(agent.passwordChange).toBeNull();
    await agent.logout();
    const again = await login(dataDir, 'li.na', 'river7Lantern', env);
    expect(again.passwordChange).toBeNull();
    await again.logout();
    await expect(login(dataDir, 'li.na', 'Initial9pass', env)).rejects.toMatchObject({ code: 'AUTH_FAILED' });
  });

  it('expires a password after 30 days and warns from 5 days before', async () => {
    const { dataDir, env, it } = await setup();
    env.clock.advance(25 * DAY + 1);
    const it2 = await login(dataDir, ADMIN.username, ADMIN.password, env);
    expect((await accountDetails(it2)).find((a) => a.username === ADMIN.username)?.state).toBe('expiring');
    await it2.logout();
    await it.logout().catch(() => undefined);
    env.clock.advance(5 * DAY);
    const expired = await login(dataDir, ADMIN.username, ADMIN.password, env);
    expect(expired.passwordChange).toBe('expired');
    await expect(routed(expired)('account.list', {})).rejects.toMatchObject({ code: 'PASSWORD_EXPIRED' });
    await expired.logout();
  });

  it('refuses the last 5 passwords, a blocklisted one and one too close to the current', async () => {
    const { it } = await setup();
    const history = ['river7Lantern', 'Gao8899li', 'Kx9mP2qa', 'harbor4Quill'];
    let current: string = ADMIN.password;
    for (const next of history) {
      await it.changePassword(current, next);
      current = next;
    }
    await expect(it.changePassword(current, current)).rejects.toMatchObject({ key: 'password.reused' });
    await expect(it.changePassword(current, ADMIN.password)).rejects.toMatchObject({
      code: 'INPUT_REJECTED',
      key: 'password.reused',
    });
    await expect(it.changePassword(current, 'Gao8899li')).rejects.toMatchObject({ key: 'password.reused' });
    await expect(it.changePassword(current, 'password123')).rejects.toMatchObject({ key: 'password.common' });
    await expect(it.changePassword(current, 'harbor5Quill')).rejects.toMatchObject({ key: 'password.similar' });
    await expect(it.changePassword(current, 'short1')).rejects.toMatchObject({ key: 'password.policy' });
    await it.logout();
  }, 180_000); // a dozen Argon2id runs: room for a busy 2-core machine

  it('resets a password (one-time, shown once) and unlocks a locked account with a reason', async () => {
    const { dataDir, env, it } = await setup();
    for (let i = 0; i < 3; i++) await login(dataDir, 'li.na', 'Wrong-pass-9', env).catch(() => undefined);
    expect((await accountDetails(it)).find((a) => a.username === 'li.na')).toMatchObject({
      state: 'locked',
      failures: 3,
    });
    await unlockAccount(it, 'li.na', 'called the help desk, identity checked');
    const temp = await resetPassword(it, 'li.na', 'forgot password');
    expect(temp).toMatch(/^(?=.*[A-Za-z])(?=.*\d)[A-Za-z\d]{14}$/);
    const agent = await login(dataDir, 'li.na', temp, env);
    expect(agent.passwordChange).toBe('oneTime');
    await agent.logout();
    const actions = (await listAudit(it, { limit: 50 })).events.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['account.unlocked', 'account.reset']));
    await it.logout();
  });

  it('closes an account on the day someone leaves: it can never log in again, its history stays', async () => {
    const { dataDir, env, it } = await setup();
    await bind(it, 'li.na', it.vault.seatId);
    await closeAccount(it, 'li.na', 'left the company');
    await expect(login(dataDir, 'li.na', 'Initial9pass', env)).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    const row = (await accountDetails(it)).find((a) => a.username === 'li.na');
    expect(row?.state).toBe('closed');
    expect(row?.seats).toEqual([]);
    await it.logout();
  });

  it('never closes or demotes the last active IT account', async () => {
    const { it } = await setup();
    await expect(closeAccount(it, ADMIN.username, 'test')).rejects.toMatchObject({ key: 'account.lastIt' });
    await expect(changeRole(it, ADMIN.username, 'auditor', 'test')).rejects.toMatchObject({ key: 'account.lastIt' });
    await it.logout();
  });

  it('applies a closed account, a changed role or a removed seat to an open session at its next call', async () => {
    const { dataDir, env, it } = await setup();
    await addAccount(it, { username: 'wang.fang', role: 'auditor', password: 'Initial9pass' });
    await bind(it, 'wang.fang', it.vault.seatId);
    const auditor = await login(dataDir, 'wang.fang', 'Initial9pass', env);
    await auditor.changePassword('Initial9pass', 'river7Lantern');
    const call = routed(auditor);
    await expect(call('audit.list', { limit: 5 })).resolves.toBeTruthy();
    await changeRole(it, 'wang.fang', 'agent_phone', 'moved to the phone team');
    await expect(call('audit.list', { limit: 5 })).rejects.toMatchObject({ code: 'NOT_PERMITTED' });
    await closeAccount(it, 'wang.fang', 'left');
    await expect(call('session.activity', {})).rejects.toMatchObject({ code: 'NO_SESSION', key: 'session.closed' });
    expect(auditor.active).toBe(false);
    await it.logout();
  });

  it('asks for the password again for sensitive actions after 5 minutes', async () => {
    const { env, it } = await setup();
    env.clock.advance(5 * 60_000 + 1);
    const call = routed(it);
    const reset = { username: 'li.na', reason: 'x reason' };
    await expect(call('account.reset', reset)).rejects.toMatchObject({ code: 'REAUTH_REQUIRED' });
    await expect(call('session.reauth', { password: 'Wrong-pass-1' })).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    await call('session.reauth', { password: ADMIN.password });
    await expect(call('account.reset', reset)).resolves.toMatchObject({ password: expect.any(String) });
    await it.logout();
  });

  it('ends a session after 12 hours whatever the activity', async () => {
    const { env, it } = await setup();
    env.clock.advance(12 * 3_600_000);
    await expect(it.refresh()).rejects.toMatchObject({ code: 'NO_SESSION', key: 'session.expired' });
    expect(it.endReason).toBe('expired');
  });
});
