/**
 * Sealed pre-login events are evidence, not commands: anyone can seal one to the key in
 * keyring.json, so one dated before the last drain or naming no real account is not taken;
 * the access log says how many were turned away.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NewEvent } from '../../../electron/core/audit/audit-log';
import { listAudit } from '../../../electron/core/audit/audit-service';
import { KEYRING_FILE, readKeyring } from '../../../electron/core/keyring/keyring';
import { PreauthJournal } from '../../../electron/core/session/preauth-journal';
import { login } from '../../../electron/core/session/unlock';
import { ADMIN, vaultsPerTest } from '../../fixtures/vault';

const { vault } = vaultsPerTest();

const DAY = 86_400_000;

/** What an attacker with the data directory and no password can do: seal and save events. */
async function forge(dataDir: string, events: NewEvent[]): Promise<void> {
  const keyring = await readKeyring(path.join(dataDir, KEYRING_FILE));
  const journal = await PreauthJournal.load(dataDir);
  for (const e of events) journal.addEvent(keyring.preauthPublicKey, e);
  await journal.save();
}

function failedLogin(at: number, actor: string | null, actorId: number | null): NewEvent {
  return {
    at,
    actor,
    actorId,
    seat: 'ABCD-EFGH-JKMN',
    action: 'preauth.loginFailed',
    outcome: 'failed',
    detail: { reason: 'credentials', knownUser: actor !== null, failures: 1 },
  };
}

describe('sealed pre-login events', () => {
  it('turns away events dated before the last drain or naming no real account, and logs how many', async () => {
    const { dataDir, env } = await vault();
    await (await login(dataDir, ADMIN.username, ADMIN.password, env)).logout(); // a drain
    env.clock.advance(DAY);
    const now = env.clock.now();
    await forge(dataDir, [
      failedLogin(now - 30 * DAY, ADMIN.username, 1), // back-dated
      failedLogin(now, 'ghost.user', 77), // no such account
      failedLogin(now, ADMIN.username, 2), // a real name with another account's id
      failedLogin(now, null, null), // an unknown name: taken, as a real failure would be
    ]);
    const session = await login(dataDir, ADMIN.username, ADMIN.password, env);
    const { events } = await listAudit(session, { limit: 20 });
    await session.logout();
    const taken = events.filter((e) => e.action === 'preauth.loginFailed');
    expect(taken.map((e) => e.actor)).toEqual([null]);
    expect(events.find((e) => e.action === 'preauth.rejected')?.detail).toEqual({ window: 1, actor: 2 });
  });

  it('takes failures a journal of an older version sealed under the old names, under the new ones', async () => {
    const { dataDir, env } = await vault();
    await (await login(dataDir, ADMIN.username, ADMIN.password, env)).logout(); // a drain
    env.clock.advance(60_000);
    const old = failedLogin(env.clock.now(), ADMIN.username, 1);
    await forge(dataDir, [{ ...old, action: 'login.failed', detail: { ...old.detail, recordedBeforeUnlock: true } }]);
    const session = await login(dataDir, ADMIN.username, ADMIN.password, env);
    const { events } = await listAudit(session, { limit: 5 });
    await session.logout();
    expect(events.map((e) => e.action)).toContain('preauth.loginFailed');
    expect(events.map((e) => e.action)).not.toContain('login.failed');
  });
});
