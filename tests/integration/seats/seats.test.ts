import { describe, expect, it } from 'vitest';
import { listAudit } from '../../../electron/core/audit/audit-service';
import { bind, flag, seats, unbind } from '../../../electron/core/seats/seat-admin';
import { changePolicy } from '../../../electron/core/policy/policy-admin';
import { login } from '../../../electron/core/session/unlock';
import { routed } from '../../fixtures/router';
import { adminVaults } from '../../fixtures/admin-vault';
import { ADMIN, testEnv } from '../../fixtures/vault';

const setup = adminVaults();

describe('seats (专号专用、专机专用、专人专用)', () => {
  it('refuses and logs a login from a seat the account is not bound to', async () => {
    const { dataDir, env, it } = await setup();
    await expect(login(dataDir, 'li.na', 'Initial9pass', env)).rejects.toMatchObject({
      code: 'NOT_PERMITTED',
      key: 'login.seatNotBound',
    });
    await bind(it, 'li.na', it.vault.seatId);
    const other = testEnv(env.clock, 'machine-b');
    await expect(login(dataDir, 'li.na', 'Initial9pass', other)).rejects.toMatchObject({ key: 'login.seatNotBound' });
    const ok = await login(dataDir, 'li.na', 'Initial9pass', env);
    await ok.logout();
    const refused = (await listAudit(it, { action: 'login.refused', limit: 10 })).events;
    expect(refused.map((e) => e.detail.reason)).toEqual(['seat', 'seat']);
    await it.logout();
  });

  it('lets IT warn instead of refuse, or switch binding off, with a logged reason', async () => {
    const { dataDir, env, it } = await setup();
    await changePolicy(it, { seatBinding: 'warn' }, 'pilot week on the new floor');
    const warned = await login(dataDir, 'li.na', 'Initial9pass', env);
    await warned.logout();
    expect((await listAudit(it, { action: 'login.unboundSeat', limit: 5 })).events).toHaveLength(1);
    const change = (await listAudit(it, { action: 'policy.changed', limit: 5 })).events[0];
    expect(change?.detail).toMatchObject({
      reason: 'pilot week on the new floor',
      changes: { seatBinding: { before: 'enforce', after: 'warn' } },
    });
    await it.logout();
  });

  it('lists seats with their accounts, unbinds, and flags the import station', async () => {
    const { it } = await setup();
    await bind(it, 'li.na', it.vault.seatId);
    await bind(it, 'li.na', 'ABCD-EFGH-JKMN');
    await flag(it, it.vault.seatId, true);
    let list = await seats(it);
    expect(list.find((s) => s.seatId === it.vault.seatId)).toMatchObject({
      importStation: true,
      accounts: [ADMIN.username, 'li.na'],
    });
    await unbind(it, 'li.na', 'ABCD-EFGH-JKMN');
    list = await seats(it);
    expect(list.find((s) => s.seatId === 'ABCD-EFGH-JKMN')?.accounts).toEqual([]);
    await expect(routed(it)('seat.bind', { username: 'li.na', seatId: 'not a seat' })).rejects.toMatchObject({
      key: 'seat.invalid',
    });
    await it.logout();
  });
});
