/**
 * The owner is told after sign-in what others did to their account, or in their name, by whom,
 * where and when, until they acknowledge it (account.notices, account.noticesSeen).
 */
import { describe, expect, it } from 'vitest';
import type { Session } from '../../../electron/core/session/session';
import { login } from '../../../electron/core/session/unlock';
import { adminVaults } from '../../fixtures/admin-vault';
import { AUDITOR, GM, withIndependents } from '../../fixtures/independents';
import { routed } from '../../fixtures/router';
import { ADMIN } from '../../fixtures/vault';

const setup = adminVaults();
/** Several Argon2id sign-ins and password checks per test: room for a busy 2-core machine. */
const SLOW = 240_000;
const AGENT = { username: 'li.na', first: 'Initial9pass', own: 'river7Lantern' };

async function notices(session: Session) {
  return routed(session)('account.notices', {});
}

/** The notices as [action, actor, object], newest first. */
async function said(session: Session) {
  return (await notices(session)).notices.map((n) => [n.action, n.actor, n.object]);
}

/** Reads the notices and acknowledges them, as the app's dialog does when closed. */
async function acknowledge(session: Session) {
  const { through } = await notices(session);
  await routed(session)('account.noticesSeen', { through });
}

describe("the owner's notices", { timeout: SLOW }, () => {
  it('tells the owner at the next sign-in what IT did to the account, by whom, where and when, once', async () => {
    const { dataDir, env, it } = await setup();
    const admin = routed(it);
    await admin('seat.bind', { username: AGENT.username, seatId: it.vault.seatId });
    // The first sign-in, with the one-time password: who made the account, and bound it here.
    const first = await login(dataDir, AGENT.username, AGENT.first, env);
    expect(await said(first)).toEqual([
      ['seat.bound', ADMIN.username, AGENT.username],
      ['account.added', ADMIN.username, AGENT.username],
    ]);
    await acknowledge(first);
    await first.changePassword(AGENT.first, AGENT.own);
    await first.logout();

    env.clock.advance(60_000);
    await admin('account.role', { username: AGENT.username, role: 'agent_field', reason: 'moved to field visits' });
    await admin('seat.bind', { username: AGENT.username, seatId: 'ABCD-EFGH-JKMN' });
    await admin('seat.unbind', { username: AGENT.username, seatId: 'ABCD-EFGH-JKMN' });
    const { password } = await admin('account.reset', { username: AGENT.username, reason: 'forgot it' });
    await it.logout();

    const agent = await login(dataDir, AGENT.username, password, env);
    // Before the forced change, too: this is when a reset is news.
    expect(agent.passwordChange).toBe('oneTime');
    const told = await notices(agent);
    expect(told.notices.map((n) => [n.action, n.actor, n.seat, n.at])).toEqual(
      ['account.reset', 'seat.unbound', 'seat.bound', 'account.roleChanged'].map((action) => [
        action,
        ADMIN.username,
        it.vault.seatId,
        env.clock.now(),
      ]),
    );
    expect(told.notices[0]!.detail).toEqual({ reason: 'forgot it' });
    expect(told.notices[3]!.detail).toEqual({
      from: 'agent_phone',
      to: 'agent_field',
      reason: 'moved to field visits',
    });
    expect(told.more).toBe(0);
    await acknowledge(agent);
    expect(await said(agent)).toEqual([]);
    await agent.changePassword(password, 'harbor4Quill');
    await agent.logout();
    const later = await login(dataDir, AGENT.username, 'harbor4Quill', env);
    expect(await said(later)).toEqual([]);
    await later.logout();
  });

  it('tells the account concerned who approved, and the approver what was done or tried in their name', async () => {
    const v = await withIndependents(await setup());
    const admin = routed(v.it);
    await expect(
      admin('account.reset', {
        username: GM.username,
        reason: 'forgot it',
        approval: { username: AUDITOR.username, password: 'Not-my-pass-7' },
      }),
    ).rejects.toMatchObject({ key: 'approval.wrongPassword' });
    const { password } = await admin('account.reset', {
      username: GM.username,
      reason: 'forgot it',
      approval: { username: AUDITOR.username, password: AUDITOR.password },
    });
    await v.it.logout();

    const gm = await login(v.dataDir, GM.username, password, v.env);
    expect(await said(gm)).toEqual([
      ['account.reset', ADMIN.username, GM.username],
      ['approval.granted', AUDITOR.username, GM.username],
      ['approval.refused', ADMIN.username, GM.username],
    ]);
    await gm.logout();
    const auditor = await login(v.dataDir, AUDITOR.username, AUDITOR.password, v.env);
    const told = (await notices(auditor)).notices;
    // Its approvals given at IT's seat, and the wrong password typed in its name between them.
    expect(told.map((n) => [n.action, n.actor, n.object, n.detail.for, n.detail.reason ?? null])).toEqual([
      ['approval.granted', AUDITOR.username, GM.username, 'account.reset', null],
      ['approval.refused', ADMIN.username, GM.username, 'account.reset', 'credentials'],
      ['approval.granted', AUDITOR.username, GM.username, 'account.add', null],
    ]);
    await auditor.logout();
  });

  it('tells of failed sign-ins in the account name since the owner last looked', async () => {
    const { dataDir, env, it } = await setup();
    await it.logout();
    await expect(login(dataDir, ADMIN.username, 'Wrong-pass-1', env)).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    const again = await login(dataDir, ADMIN.username, ADMIN.password, env);
    expect(await said(again)).toEqual([['preauth.loginFailed', ADMIN.username, null]]);
    await again.logout();
  });

  it("does not tell IT of its own actions on its own account, nor move the receipt past the log's head", async () => {
    const { dataDir, env, it } = await setup();
    await routed(it)('seat.bind', { username: ADMIN.username, seatId: 'ABCD-EFGH-JKMN' });
    expect(await said(it)).toEqual([]);
    // An acknowledgement far ahead of the log is held to its head: what comes later is still told.
    await routed(it)('account.noticesSeen', { through: 1_000_000 });
    await routed(it)('seat.bind', { username: AGENT.username, seatId: it.vault.seatId });
    await it.logout();
    const agent = await login(dataDir, AGENT.username, AGENT.first, env);
    await routed(agent)('account.noticesSeen', { through: 1_000_000 });
    await agent.logout();
    const it2 = await login(dataDir, ADMIN.username, ADMIN.password, env);
    await routed(it2)('account.unlock', { username: AGENT.username, reason: 'checked by phone' });
    await it2.logout();
    const told = await login(dataDir, AGENT.username, AGENT.first, env);
    expect(await said(told)).toEqual([['account.unlocked', ADMIN.username, AGENT.username]]);
    await told.logout();
  });
});
