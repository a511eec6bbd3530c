/**
 * preauth.json is a hash chain whose head the database remembers at each drain: a journal that
 * was deleted, restored from an old copy or edited is reported in the access log, and the
 * failures it does hold still reach the log (before, they were silently skipped).
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listAudit } from '../../../electron/core/audit/audit-service';
import { PREAUTH_FILE } from '../../../electron/core/session/preauth-journal';
import { login } from '../../../electron/core/session/unlock';
import { ADMIN, vaultsPerTest } from '../../fixtures/vault';

const { vault } = vaultsPerTest();

async function setup() {
  const v = await vault();
  const file = path.join(v.dataDir, PREAUTH_FILE);
  const fail = () => login(v.dataDir, ADMIN.username, 'Wrong-pass-1', v.env).catch(() => undefined);
  const signIn = () => login(v.dataDir, ADMIN.username, ADMIN.password, v.env);
  /** The actions logged since the event with this seq. */
  const since = async (seq: number) => {
    const session = await signIn();
    const { events } = await listAudit(session, { limit: 100 });
    await session.logout();
    return events.filter((e) => e.seq > seq).reverse();
  };
  const head = async () => {
    const session = await signIn();
    const { events } = await listAudit(session, { limit: 1 });
    await session.logout();
    return events[0]!.seq;
  };
  return { ...v, file, fail, signIn, since, head };
}

describe('the pre-login journal chain', () => {
  it('reports a deleted journal and still logs the failures made after it', async () => {
    const t = await setup();
    await t.fail();
    await t.fail();
    const seq = await t.head(); // drains both
    await rm(t.file);
    await t.fail();
    await t.fail();
    const events = await t.since(seq);
    // head() read the log: its search is logged right after what it read.
    expect(events.map((e) => e.action).slice(0, 5)).toEqual([
      'audit.searched',
      'logout',
      'preauth.journalReset',
      'preauth.loginFailed',
      'preauth.loginFailed',
    ]);
    expect(events[2]?.detail).toMatchObject({ reason: 'restarted', drainedThrough: 2, journalLastN: 2 });
  });

  it('reports a journal restored from an older copy', async () => {
    const t = await setup();
    await t.fail();
    const copy = await readFile(t.file);
    await t.head(); // drains the first failure
    await t.fail();
    await t.fail();
    const seq = await t.head(); // drains the other two
    await writeFile(t.file, copy);
    const events = await t.since(seq);
    expect(events.find((e) => e.action === 'preauth.journalReset')?.detail).toMatchObject({ reason: 'rolledBack' });
  });

  it('reports a journal whose chain was edited', async () => {
    const t = await setup();
    await t.fail();
    const seq = await t.head();
    const journal = JSON.parse(await readFile(t.file, 'utf8')) as { chain: { baseHead: string } };
    journal.chain.baseHead = 'f'.repeat(64);
    await writeFile(t.file, JSON.stringify(journal));
    const events = await t.since(seq);
    expect(events.find((e) => e.action === 'preauth.journalReset')?.detail).toMatchObject({ reason: 'forked' });
  });

  it('says nothing when the journal simply carries on', async () => {
    const t = await setup();
    await t.fail();
    const seq = await t.head();
    await t.fail();
    const events = await t.since(seq);
    expect(events.map((e) => e.action)).not.toContain('preauth.journalReset');
    expect(events.map((e) => e.action)).toContain('preauth.loginFailed');
  });
});
