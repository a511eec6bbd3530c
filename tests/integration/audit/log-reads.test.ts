/**
 * Reads of the access log are themselves logged: each distinct search once per session (not each
 * page of it, so scrolling does not flood the log), an account's failure history, and an export
 * once before its first page.
 */
import { describe, expect, it } from 'vitest';
import type { Session } from '../../../electron/core/session/session';
import { login } from '../../../electron/core/session/unlock';
import { adminVaults } from '../../fixtures/admin-vault';
import { AUDITOR, withIndependents } from '../../fixtures/independents';
import { routed } from '../../fixtures/router';
import { ADMIN } from '../../fixtures/vault';

const setup = adminVaults();
/** Several Argon2id sign-ins and password checks per test: room for a busy 2-core machine. */
const SLOW = 240_000;

/** The access-log reads logged by `actor`, oldest first. */
async function reads(session: Session, actor: string) {
  await session.vault.settleLog();
  const events = [];
  for (let page = await session.vault.audit.page(session.vault.db, 0); page.length > 0;) {
    events.push(...page);
    page = await session.vault.audit.page(session.vault.db, page.at(-1)!.seq);
  }
  return events
    .filter((e) => e.actor === actor && (e.action === 'audit.searched' || e.action === 'audit.exported'))
    .map((e) => [e.action, e.detail]);
}

describe('reads of the access log', { timeout: SLOW }, () => {
  it('logs each distinct search once, with its filters and what matched, not each page or refresh', async () => {
    const { it } = await setup();
    const call = routed(it);
    const first = await call('audit.list', { limit: 2 });
    // Further pages and the same search again: not logged again.
    await call('audit.list', { limit: 2, beforeSeq: first.events.at(-1)!.seq });
    await call('audit.list', { limit: 2 });
    const byIt = await call('audit.list', {
      actor: ADMIN.username,
      action: 'account.added',
      from: 0,
      to: 2e12,
      limit: 5,
    });
    await call('audit.list', { actor: ADMIN.username, action: 'account.added', from: 0, to: 2e12, limit: 5 });
    expect(await reads(it, ADMIN.username)).toEqual([
      ['audit.searched', { view: 'log', matched: first.total }],
      [
        'audit.searched',
        { view: 'log', actor: ADMIN.username, action: 'account.added', from: 0, to: 2e12, matched: byIt.total },
      ],
    ]);
    expect(byIt.total).toBe(1);
    await it.logout();
  });

  it('logs a page asked for without its first page: a search is a search, whatever page it starts on', async () => {
    const { it } = await setup();
    await routed(it)('audit.list', { actor: 'li.na', beforeSeq: 1_000, limit: 5 });
    expect(await reads(it, ADMIN.username)).toEqual([['audit.searched', { view: 'log', actor: 'li.na', matched: 0 }]]);
    await it.logout();
  });

  it("logs a look at an account's failure history", async () => {
    const { dataDir, env, it } = await setup();
    await expect(login(dataDir, 'li.na', 'Wrong-pass-9', env)).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    const it2 = await login(dataDir, ADMIN.username, ADMIN.password, env);
    await it.logout();
    const failures = await routed(it2)('account.failures', { username: 'li.na' });
    await routed(it2)('account.failures', { username: 'li.na' });
    expect(failures).toHaveLength(1);
    expect(await reads(it2, ADMIN.username)).toEqual([
      ['audit.searched', { view: 'failures', actor: 'li.na', matched: 1 }],
    ]);
    await it2.logout();
  });

  it('logs an export once, before its first page, and refuses a page that continues no export', async () => {
    const v = await withIndependents(await setup());
    await v.it.logout();
    const auditor = await login(v.dataDir, AUDITOR.username, AUDITOR.password, v.env);
    // More than one export page (20,000 events) of filler, as the log of a busy floor.
    const filler = Array.from({ length: 20_000 }, () =>
      auditor.event('session.reauth', 'failed', null, { failures: 0 }),
    );
    await auditor.vault.db.transaction((tx) => auditor.vault.audit.append(tx, ...filler));
    const call = routed(auditor);
    await expect(call('audit.export', { format: 'csv', afterSeq: 5 })).rejects.toMatchObject({
      code: 'INPUT_REJECTED',
      key: 'audit.exportNotStarted',
    });
    const page1 = await call('audit.export', { format: 'csv', afterSeq: 0 });
    expect(page1.events).toHaveLength(20_000);
    expect(page1.nextAfterSeq).toBe(20_000);
    const page2 = await call('audit.export', { format: 'csv', afterSeq: page1.nextAfterSeq! });
    expect(page2.nextAfterSeq).toBeNull();
    // The export event is in it: written before the first page was read.
    expect(page2.events.filter((e) => e.action === 'audit.exported' && e.actor === AUDITOR.username)).toHaveLength(1);
    expect(await reads(auditor, AUDITOR.username)).toEqual([['audit.exported', { format: 'csv' }]]);
    await auditor.logout();
  });
});
