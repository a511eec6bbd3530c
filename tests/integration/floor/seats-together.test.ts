/**
 * Two seats of one floor at once (a test aid: separate seat roles and data directories on one
 * machine; a seat id is no boundary against whoever controls the OS). A policy change at one
 * seat reaches an open session at the other within 2 s (generation + NOTIFY + periodic
 * re-read), and closing an account ends its session at the other seat at its next call.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, closeAccount } from '../../../electron/core/accounts/account-admin';
import { changePolicy } from '../../../electron/core/policy/policy-admin';
import { login } from '../../../electron/core/session/unlock';
import { ADMIN, fakeClock, testEnv } from '../../fixtures/env';
import { freshFloor, type TestFloor } from '../../fixtures/floor-vault';
import { startCluster, type PgCluster } from '../../fixtures/pg-cluster';

let cluster: PgCluster;
beforeAll(async () => {
  cluster = await startCluster({ tls: true });
}, 120_000);
afterAll(async () => {
  await cluster.destroy();
});

async function twoSeats(): Promise<{ floor: TestFloor; seatB: string; envB: ReturnType<typeof testEnv> }> {
  const clock = fakeClock();
  const envA = testEnv(clock, 'machine-a');
  const floor = await freshFloor(cluster, envA);
  const it = await login(floor.dataDir, ADMIN.username, ADMIN.password, envA);
  await changePolicy(it, { seatBinding: 'off' }, 'two seats in a test');
  await addAccount(it, { username: 'li.na', displayName: '李娜', role: 'agent_phone', password: 'Initial9pass' });
  await it.logout();
  return { floor, seatB: await floor.seatDir('machine-b'), envB: testEnv(clock, 'machine-b') };
}

describe('two seats of one floor', () => {
  it('sees the other seat’s policy change within 2 s, and a closed account at its next call', async () => {
    const { floor, seatB, envB } = await twoSeats();
    try {
      const envA = testEnv(envB.clock, 'machine-a');
      const it = await login(floor.dataDir, ADMIN.username, ADMIN.password, envA);
      const agent = await login(seatB, 'li.na', 'Initial9pass', envB);
      expect(agent.vault.seatId).not.toBe(it.vault.seatId);
      expect(agent.vault.policy.lockoutMinutes).toBe(30);

      await changePolicy(it, { lockoutMinutes: 45 }, 'stricter after an incident');
      const changedAt = Date.now();
      while (agent.vault.policy.lockoutMinutes !== 45 && Date.now() - changedAt < 5_000)
        await new Promise((resolve) => setTimeout(resolve, 25));
      const took = Date.now() - changedAt;
      expect(agent.vault.policy.lockoutMinutes).toBe(45);
      expect(took).toBeLessThanOrEqual(2_000);

      await closeAccount(it, 'li.na', 'left the company');
      await expect(agent.refresh()).rejects.toMatchObject({ code: 'NO_SESSION', key: 'session.closed' });
      expect(agent.active).toBe(false);
      await expect(login(seatB, 'li.na', 'Initial9pass', envB)).rejects.toMatchObject({ code: 'AUTH_FAILED' });
      await it.logout();
    } finally {
      await floor.cleanup();
    }
  }, 180_000);

  it('still sees a change when its NOTIFY is lost (the listening connection dropped): the re-read', async () => {
    const { floor, seatB, envB } = await twoSeats();
    try {
      const it = await login(floor.dataDir, ADMIN.username, ADMIN.password, testEnv(envB.clock, 'machine-a'));
      const agent = await login(seatB, 'li.na', 'Initial9pass', envB);
      const dropped = await cluster.query<{ n: number }>(
        floor.database,
        `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND query LIKE 'LISTEN%' AND usename LIKE '%seat%'`,
      );
      expect(dropped.rows[0]?.n).toBeGreaterThanOrEqual(1);
      await changePolicy(it, { lockoutMinutes: 60 }, 'stricter after an incident');
      const changedAt = Date.now();
      while (agent.vault.policy.lockoutMinutes !== 60 && Date.now() - changedAt < 5_000)
        await new Promise((resolve) => setTimeout(resolve, 25));
      expect(agent.vault.policy.lockoutMinutes).toBe(60);
      expect(Date.now() - changedAt).toBeLessThanOrEqual(2_000);
      await agent.logout();
      await it.logout();
    } finally {
      await floor.cleanup();
    }
  }, 180_000);
});
