/**
 * The vault's time can't be moved from outside: expiry and event times never go below the newest
 * event in the database (whatever preauth.json says), and the re-auth window and session
 * lifetime run on a monotonic clock (setting the wall clock back skips neither).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listAudit } from '../../../electron/core/audit/audit-service';
import { PREAUTH_FILE } from '../../../electron/core/session/preauth-journal';
import { login } from '../../../electron/core/session/unlock';
import { routed } from '../../fixtures/router';
import { testStore } from '../../fixtures/store';
import { ADMIN, vaultsPerTest } from '../../fixtures/vault';

const { vault } = vaultsPerTest();

const DAY = 86_400_000;
const MINUTE = 60_000;

describe("the vault's time", () => {
  // A floor keeps no pre-login journal: its sign-in state is the server's (floor/login-protocol).
  it.runIf(testStore() === 'sqlite')(
    'expires a password after 30 days even when preauth.json says less time has passed',
    async () => {
      const { dataDir, env } = await vault();
      const created = env.clock.now();
      await login(dataDir, ADMIN.username, 'Wrong-pass-1', env).catch(() => undefined);
      env.clock.advance(31 * DAY);
      // The attacker's edit: the journal claims it is still the day the vault was made.
      const file = path.join(dataDir, PREAUTH_FILE);
      const journal = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
      await writeFile(file, JSON.stringify({ ...journal, lastSeen: created, lastRaw: env.clock.now() + 31 * DAY }));
      const session = await login(dataDir, ADMIN.username, ADMIN.password, env);
      expect(session.passwordChange).toBe('expired');
      const { events } = await listAudit(session, { action: 'login.ok', limit: 1 });
      expect(events[0]?.at).toBeGreaterThanOrEqual(created + 31 * DAY);
      await session.logout();
    },
  );

  it('never dates an event before the newest one in the log when the clock is set back', async () => {
    const { dataDir, env } = await vault();
    env.clock.advance(DAY);
    await (await login(dataDir, ADMIN.username, ADMIN.password, env)).logout();
    env.clock.advance(-2 * DAY);
    const session = await login(dataDir, ADMIN.username, ADMIN.password, env);
    const { events } = await listAudit(session, { limit: 50 });
    const times = events.map((e) => e.at).reverse();
    expect(times).toEqual([...times].sort((a, b) => a - b));
    await session.logout();
  });

  it('asks for the password again after 5 minutes even if the clock is set back meanwhile', async () => {
    const { dataDir, env } = await vault();
    const session = await login(dataDir, ADMIN.username, ADMIN.password, env);
    env.clock.advance(6 * MINUTE);
    env.clock.advance(-10 * MINUTE);
    await expect(
      routed(session)('account.reset', { username: ADMIN.username, reason: 'clock test' }),
    ).rejects.toMatchObject({
      code: 'REAUTH_REQUIRED',
    });
    await session.logout();
  });

  it('ends a session after 12 hours of use even if the clock is set back meanwhile', async () => {
    const { dataDir, env } = await vault();
    const session = await login(dataDir, ADMIN.username, ADMIN.password, env);
    env.clock.advance(11 * 3_600_000);
    env.clock.advance(-5 * 3_600_000);
    env.clock.advance(1 * 3_600_000);
    await expect(session.refresh()).rejects.toMatchObject({ code: 'NO_SESSION', key: 'session.expired' });
  });
});
