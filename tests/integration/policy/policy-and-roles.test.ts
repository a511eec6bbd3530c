import { describe, expect, it } from 'vitest';
import { listAudit } from '../../../electron/core/audit/audit-service';
import { changeRolePermissions, matrix } from '../../../electron/core/access/role-admin';
import { changePolicy } from '../../../electron/core/policy/policy-admin';
import { login } from '../../../electron/core/session/unlock';
import { adminVaults } from '../../fixtures/admin-vault';
import { ADMIN } from '../../fixtures/vault';

const setup = adminVaults();

describe('policy and the role matrix', () => {
  it('never lets a setting past its floor', async () => {
    const { it } = await setup();
    for (const changes of [
      { passwordMinLength: 6 },
      { lockoutThreshold: 5 },
      { lockoutMinutes: 10 },
      { passwordMaxAgeDays: 90 },
      { lockSeconds: 10 },
      { passwordHistory: 0 },
    ]) {
      await expect(changePolicy(it, changes, 'try to loosen')).rejects.toMatchObject({
        code: 'INPUT_REJECTED',
        key: 'policy.outOfBounds',
      });
    }
    await it.logout();
  });

  it('applies a stricter lockout before unlock once IT sets it', async () => {
    const { dataDir, env, it } = await setup();
    await changePolicy(it, { lockoutThreshold: 2, lockoutMinutes: 60 }, 'audit finding');
    await it.logout();
    for (let i = 0; i < 2; i++) await login(dataDir, ADMIN.username, 'Wrong-pass-1', env).catch(() => undefined);
    await expect(login(dataDir, ADMIN.username, ADMIN.password, env)).rejects.toMatchObject({ code: 'LOCKED_OUT' });
    env.clock.advance(45 * 60_000);
    await expect(login(dataDir, ADMIN.username, ADMIN.password, env)).rejects.toMatchObject({ code: 'LOCKED_OUT' });
  });

  it('edits a role with a reason, logs before/after, and keeps IT able to repair', async () => {
    const { it } = await setup();
    // 行政 ships with no permission at all.
    await changeRolePermissions(it, 'admin', ['account.read'], 'leads see their team');
    expect((await matrix(it)).admin).toEqual(['account.read']);
    const ev = (await listAudit(it, { action: 'role.permissionsChanged', limit: 1 })).events[0];
    expect(ev?.detail).toMatchObject({ before: [], after: ['account.read'], reason: 'leads see their team' });
    await expect(changeRolePermissions(it, 'it', ['account.read'], 'oops')).rejects.toMatchObject({
      key: 'role.itKeepsAdmin',
    });
    await it.logout();
  });
});
