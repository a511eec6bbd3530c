import { describe, expect, it } from 'vitest';
import { listAudit } from '../../../electron/core/audit/audit-service';
import { login } from '../../../electron/core/session/unlock';
import { SIGN_IN_BURST } from '../../../electron/core/floor/migrations/0006-sign-in-throttle.pg';
import { lockTimePasses } from '../../fixtures/behind-the-core';
import { testStore } from '../../fixtures/store';
import { ADMIN, vaultsPerTest } from '../../fixtures/vault';

const { vault: newVault } = vaultsPerTest();

const MINUTE = 60_000;

describe('lockout (3 failures → 30 minutes)', () => {
  it('locks the account after the third failure, even against the right password', async () => {
    const v = await newVault();
    const { dataDir, env } = v;
    for (let i = 0; i < 3; i++) {
      await expect(login(dataDir, ADMIN.username, 'Wrong-pass-1', env)).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    }
    await expect(login(dataDir, ADMIN.username, ADMIN.password, env)).rejects.toMatchObject({ code: 'LOCKED_OUT' });
    await lockTimePasses(v, 29 * MINUTE);
    await expect(login(dataDir, ADMIN.username, ADMIN.password, env)).rejects.toMatchObject({ code: 'LOCKED_OUT' });
    await lockTimePasses(v, 2 * MINUTE);
    const session = await login(dataDir, ADMIN.username, ADMIN.password, env);
    const { events } = await listAudit(session, { limit: 20 });
    const actions = events.map((e) => e.action).reverse();
    expect(actions).toEqual([
      'vault.created',
      'preauth.loginFailed',
      'preauth.loginFailed',
      'preauth.loginFailed',
      'preauth.lockout',
      'preauth.loginRefused',
      'preauth.loginRefused',
      'login.ok',
    ]);
    // Named apart as unverified evidence, with the detail the sign-in screen saw (newest first).
    expect(events.filter((e) => e.action === 'preauth.loginFailed').map((e) => e.detail)).toEqual(
      [3, 2, 1].map((failures) => ({ reason: 'credentials', knownUser: true, failures })),
    );
    await session.logout();
  });

  it('does not shorten a lock when the clock is moved backwards', async () => {
    const v = await newVault();
    const { dataDir, env } = v;
    for (let i = 0; i < 3; i++) await login(dataDir, ADMIN.username, 'Wrong-pass-1', env).catch(() => undefined);
    await lockTimePasses(v, 10 * MINUTE);
    await expect(login(dataDir, ADMIN.username, ADMIN.password, env)).rejects.toMatchObject({ code: 'LOCKED_OUT' });
    env.clock.advance(-24 * 60 * MINUTE); // someone sets the clock back a day
    await expect(login(dataDir, ADMIN.username, ADMIN.password, env)).rejects.toMatchObject({ code: 'LOCKED_OUT' });
    await lockTimePasses(v, 19 * MINUTE); // counted on from the last time seen: 29 of 30 minutes
    await expect(login(dataDir, ADMIN.username, ADMIN.password, env)).rejects.toMatchObject({ code: 'LOCKED_OUT' });
    await lockTimePasses(v, 2 * MINUTE);
    const session = await login(dataDir, ADMIN.username, ADMIN.password, env);
    await session.logout();
  });

  it('treats unknown names exactly like known ones', async () => {
    const { dataDir, env } = await newVault();
    const known = [];
    const unknown = [];
    for (let i = 0; i < 4; i++) {
      known.push(
        await login(dataDir, ADMIN.username, 'Wrong-pass-1', env).catch((e: { code: string; key: string }) => [
          e.code,
          e.key,
        ]),
      );
      unknown.push(
        await login(dataDir, 'nobody.here', 'Wrong-pass-1', env).catch((e: { code: string; key: string }) => [
          e.code,
          e.key,
        ]),
      );
    }
    expect(unknown).toEqual(known);
    expect(known[3]).toEqual(['LOCKED_OUT', 'login.locked']);
  });

  it('resets the count after a successful login', async () => {
    const { dataDir, env } = await newVault();
    const wrong = () => login(dataDir, ADMIN.username, 'Wrong-pass-1', env);
    for (let i = 0; i < 2; i++) await expect(wrong()).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    await (await login(dataDir, ADMIN.username, ADMIN.password, env)).logout();
    // Without the reset, the third failure overall would lock: these two stay plain failures.
    for (let i = 0; i < 2; i++) await expect(wrong()).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    const session = await login(dataDir, ADMIN.username, ADMIN.password, env);
    expect(session.active).toBe(true);
    await session.logout();
  });

  // The embedded store's seat is its own machine; a floor's server limits each seat it serves.
  it.runIf(testStore() === 'postgres')(
    'tells a seat over its limit of failed sign-ins to wait, without counting against the name',
    { timeout: 120_000 },
    async () => {
      const { dataDir, env } = await newVault();
      for (let i = 0; i < SIGN_IN_BURST; i++)
        await expect(login(dataDir, `made.up.${i}`, 'Wrong-pass-1', env)).rejects.toMatchObject({
          code: 'AUTH_FAILED',
        });
      const refused = await login(dataDir, ADMIN.username, ADMIN.password, env).catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: 'LOCKED_OUT', key: 'login.seatThrottled' });
      expect((refused as { params: { seconds: number } }).params.seconds).toBeGreaterThan(0);
      expect((refused as { params: { seconds: number } }).params.seconds).toBeLessThanOrEqual(60);
    },
  );
});
