/**
 * Separation of duties (ISO/IEC 27001 A.5.3): IT resets an auditor's or general manager's
 * password, adds one, or makes someone one only with a second independent person's approval,
 * typed at the same seat and checked like a sign-in. Every refusal and approval is logged.
 */
import { describe, expect, it } from 'vitest';
import { accountDetails } from '../../../electron/core/accounts/account-admin';
import type { Session } from '../../../electron/core/session/session';
import { login } from '../../../electron/core/session/unlock';
import { sql } from '../../../electron/core/store/sql';
import { adminVaults } from '../../fixtures/admin-vault';
import { AUDITOR, GM, itAgain, readyAccount, withIndependents } from '../../fixtures/independents';
import { routed } from '../../fixtures/router';
import { ADMIN } from '../../fixtures/vault';

const setup = adminVaults();
/** Several Argon2id sign-ins and password checks per test: room for a busy 2-core machine. */
const SLOW = 240_000;

async function head(it: Session): Promise<number> {
  await it.vault.settleLog();
  return (await it.vault.db.get<{ n: number }>(sql`SELECT coalesce(max(seq), 0) AS n FROM audit_events`))!.n;
}

/** The events after `seq`, oldest first, with their detail parsed. */
async function eventsAfter(it: Session, seq: number) {
  await it.vault.settleLog();
  return it.vault.audit.page(it.vault.db, seq);
}

const REASON = 'forgot it, identity checked in person';

describe('two-person approval of an independent account', { timeout: SLOW }, () => {
  it("refuses to reset an auditor's password without a second person, logs the refusal, changes nothing", async () => {
    const v = await withIndependents(await setup());
    const call = routed(v.it);
    const before = await head(v.it);
    await expect(call('account.reset', { username: AUDITOR.username, reason: REASON })).rejects.toMatchObject({
      code: 'NOT_PERMITTED',
      key: 'approval.required',
    });
    expect(await eventsAfter(v.it, before)).toMatchObject([
      {
        action: 'approval.refused',
        actor: ADMIN.username,
        object: AUDITOR.username,
        outcome: 'denied',
        detail: { for: 'account.reset', approver: null, reason: 'missing' },
      },
    ]);
    const auditor = await login(v.dataDir, AUDITOR.username, AUDITOR.password, v.env);
    expect(auditor.passwordChange).toBeNull();
    await auditor.logout();
    await v.it.logout();
  });

  it("resets a general manager's password when the auditor approves at the same seat, logged with the reset", async () => {
    const v = await withIndependents(await setup());
    const call = routed(v.it);
    const before = await head(v.it);
    const { password } = await call('account.reset', {
      username: GM.username,
      reason: REASON,
      approval: { username: AUDITOR.username, password: AUDITOR.password },
    });
    const events = await eventsAfter(v.it, before);
    // The approval and the reset it allowed: consecutive, written by the one transaction.
    expect(events).toMatchObject([
      {
        action: 'approval.granted',
        actor: AUDITOR.username,
        seat: v.it.vault.seatId,
        object: GM.username,
        outcome: 'ok',
        detail: { for: 'account.reset', requester: ADMIN.username, role: 'auditor' },
      },
      { action: 'account.reset', actor: ADMIN.username, object: GM.username, detail: { reason: REASON } },
    ]);
    expect(events[1]!.seq).toBe(events[0]!.seq + 1);
    const gm = await login(v.dataDir, GM.username, password, v.env);
    expect(gm.passwordChange).toBe('oneTime');
    await gm.logout();
    await v.it.logout();
  });

  it('refuses the account itself, the IT person, a business role, an unknown name and a one-time password', async () => {
    const v = await withIndependents(await setup());
    // A second auditor whose password is still the one-time one IT set.
    await routed(v.it)('account.add', {
      username: 'audit.new',
      role: 'auditor',
      password: 'Initial9pass',
      approval: { username: GM.username, password: GM.password },
    });
    const call = routed(v.it);
    const before = await head(v.it);
    const cases = [
      { approver: GM, key: 'approval.notTarget', reason: 'target' },
      { approver: ADMIN, key: 'approval.notRequester', reason: 'requester' },
      { approver: { username: 'li.na', password: 'Initial9pass' }, key: 'approval.notIndependent', reason: 'role' },
      { approver: { username: 'no.body', password: 'Whatever9x' }, key: 'approval.unknown', reason: 'unknown' },
      {
        approver: { username: 'audit.new', password: 'Initial9pass' },
        key: 'approval.passwordChange',
        reason: 'passwordChange',
      },
    ];
    for (const c of cases) {
      const approval = { username: c.approver.username, password: c.approver.password };
      await expect(call('account.reset', { username: GM.username, reason: REASON, approval })).rejects.toMatchObject({
        code: 'NOT_PERMITTED',
        key: c.key,
      });
    }
    const refused = await eventsAfter(v.it, before);
    expect(refused.map((e) => [e.action, e.outcome, e.detail.reason, e.detail.approver])).toEqual(
      cases.map((c) => ['approval.refused', 'denied', c.reason, c.approver.username]),
    );
    // None of these typed a password that was checked: no failure counted against anyone.
    expect((await accountDetails(v.it)).filter((a) => a.failures > 0)).toEqual([]);
    await v.it.logout();
  });

  it("counts a wrong approver password against the approver's account: the third locks it like a sign-in", async () => {
    const v = await withIndependents(await setup());
    const call = routed(v.it);
    const before = await head(v.it);
    const wrong = { username: AUDITOR.username, password: 'Not-my-pass-7' };
    for (const key of ['approval.wrongPassword', 'approval.wrongPassword', 'approval.locked'])
      await expect(
        call('account.reset', { username: GM.username, reason: REASON, approval: wrong }),
      ).rejects.toMatchObject({ code: 'NOT_PERMITTED', key });
    const events = await eventsAfter(v.it, before);
    expect(events.map((e) => [e.action, e.actor, e.outcome])).toEqual([
      ['approval.refused', ADMIN.username, 'failed'],
      ['approval.refused', ADMIN.username, 'failed'],
      ['approval.refused', ADMIN.username, 'failed'],
      ['lockout.locked', AUDITOR.username, 'failed'],
    ]);
    expect(events.slice(0, 3).map((e) => e.detail)).toEqual(
      [1, 2, 3].map((failures) => ({
        for: 'account.reset',
        approver: AUDITOR.username,
        reason: 'credentials',
        failures,
      })),
    );
    expect((await accountDetails(v.it)).find((a) => a.username === AUDITOR.username)).toMatchObject({
      state: 'locked',
      failures: 3,
    });
    await expect(login(v.dataDir, AUDITOR.username, AUDITOR.password, v.env)).rejects.toMatchObject({
      code: 'LOCKED_OUT',
    });
    // Locked: even the right password approves nothing, and is not tried.
    const right = { username: AUDITOR.username, password: AUDITOR.password };
    await expect(
      call('account.reset', { username: GM.username, reason: REASON, approval: right }),
    ).rejects.toMatchObject({ code: 'NOT_PERMITTED', key: 'approval.locked', params: { minutes: 30 } });
    expect((await eventsAfter(v.it, before)).at(-1)).toMatchObject({
      action: 'approval.refused',
      detail: { reason: 'locked' },
    });
    expect(v.it.active).toBe(true);
    await v.it.logout();
  });

  it("clears the approver's earlier failures when their right password approves", async () => {
    const v = await withIndependents(await setup());
    const call = routed(v.it);
    await expect(
      call('account.reset', {
        username: GM.username,
        reason: REASON,
        approval: { username: AUDITOR.username, password: 'Not-my-pass-7' },
      }),
    ).rejects.toMatchObject({ key: 'approval.wrongPassword' });
    expect((await accountDetails(v.it)).find((a) => a.username === AUDITOR.username)?.failures).toBe(1);
    await call('account.reset', {
      username: GM.username,
      reason: REASON,
      approval: { username: AUDITOR.username, password: AUDITOR.password },
    });
    expect((await accountDetails(v.it)).find((a) => a.username === AUDITOR.username)?.failures).toBe(0);
    await v.it.logout();
  });

  it("asks IT to sign in again when the approver's password changed since its sign-in, counting nothing", async () => {
    const v = await setup();
    await readyAccount(v, AUDITOR);
    const call = routed(v.it);
    const approval = { username: AUDITOR.username, password: AUDITOR.password };
    await expect(
      call('account.add', { username: GM.username, role: 'gm', password: 'Initial9pass', approval }),
    ).rejects.toMatchObject({ code: 'NOT_PERMITTED', key: 'approval.signInAgain' });
    expect((await accountDetails(v.it)).find((a) => a.username === AUDITOR.username)?.failures).toBe(0);
    const again = await itAgain(v);
    await routed(again.it)('account.add', { username: GM.username, role: 'gm', password: 'Initial9pass', approval });
    await again.it.logout();
  });

  it('adds the first independent account alone, then needs an approval to add or promote another', async () => {
    const fresh = await setup();
    await readyAccount(fresh, AUDITOR);
    const v = await itAgain(fresh);
    const call = routed(v.it);
    const before = await head(v.it);
    await expect(
      call('account.add', { username: GM.username, role: 'gm', password: 'Initial9pass' }),
    ).rejects.toMatchObject({ code: 'NOT_PERMITTED', key: 'approval.required' });
    await expect(
      call('account.role', { username: 'li.na', role: 'auditor', reason: 'moved to audit' }),
    ).rejects.toMatchObject({ code: 'NOT_PERMITTED', key: 'approval.required' });
    const approval = { username: AUDITOR.username, password: AUDITOR.password };
    await call('account.role', { username: 'li.na', role: 'gm', reason: 'promoted', approval });
    const events = await eventsAfter(v.it, before);
    expect(events.map((e) => [e.action, e.object, e.detail.for, e.detail.reason ?? null])).toEqual([
      ['approval.refused', GM.username, 'account.add', 'missing'],
      ['approval.refused', 'li.na', 'account.role', 'missing'],
      ['approval.granted', 'li.na', 'account.role', null],
      ['account.roleChanged', 'li.na', undefined, 'promoted'],
    ]);
    // A business role needs no one: only making someone independent does.
    await call('account.role', { username: 'li.na', role: 'cs', reason: 'moved back' });
    await v.it.logout();
  });
});
