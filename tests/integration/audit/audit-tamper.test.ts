/** The access-log chain catches a row changed or deleted behind the core's back. */
import { exportAnchor, listAudit, verifyAudit } from '../../../electron/core/audit/audit-service';
import { describe, expect, it } from 'vitest';
import { login } from '../../../electron/core/session/unlock';
import { sql } from '../../../electron/core/store/sql';
import { behindTheCore, cutLogTail, editLogEvent } from '../../fixtures/behind-the-core';
import { testStore } from '../../fixtures/store';
import { ADMIN, vaultsPerTest } from '../../fixtures/vault';

const { vault } = vaultsPerTest();

/** A vault with a few events, and a signed-in IT session on it. */
async function sessionWithHistory() {
  const { dataDir, env } = await vault();
  const session = await login(dataDir, ADMIN.username, ADMIN.password, env);
  for (let i = 0; i < 3; i += 1) await listAudit(session, { limit: 1 }).then(() => exportAnchor(session));
  return session;
}

describe('access-log tamper detection', () => {
  it('reports an edited event as the first broken sequence number', async () => {
    const session = await sessionWithHistory();
    const before = await verifyAudit(session);
    expect(before).toMatchObject({ intact: true, firstBrokenSeq: null });
    await editLogEvent(session, 3, 'outcome', `'denied'`);
    const after = await verifyAudit(session);
    expect(after).toMatchObject({ intact: false, firstBrokenSeq: 3, checked: 2 });
    await session.logout();
  });

  it('reports a deleted event at its sequence number', async () => {
    const session = await sessionWithHistory();
    await behindTheCore(session, `DELETE FROM audit_events WHERE seq = 4`);
    const report = await verifyAudit(session);
    expect(report).toMatchObject({ intact: false, firstBrokenSeq: 4, checked: 3 });
    await session.logout();
  });

  it('reports a cut-off tail against an anchor taken before the cut (rolled back)', async () => {
    const session = await sessionWithHistory();
    const anchor = await exportAnchor(session);
    await cutLogTail(session, anchor.seq - 1);
    const report = await verifyAudit(session, { anchor });
    expect(report).toMatchObject({ intact: false, firstBrokenSeq: null, anchor: 'behind' });
    await session.logout();
  });

  // A floor's row is its chained JSON (schema 9); verify takes the bytes as stored when they
  // match, and otherwise checks the fields the readers see, which here are unchanged.
  it.runIf(testStore() === 'postgres')('vouches for a floor row by its fields, not its spacing', async () => {
    const session = await sessionWithHistory();
    await behindTheCore(session, `UPDATE audit_log SET chained = (chained::jsonb)::text WHERE seq = 3`);
    const respaced = await session.vault.db.get<{ chained: string }>(sql`SELECT chained FROM audit_log WHERE seq = 3`);
    expect(respaced?.chained).toMatch(/^\[3, /);
    const report = await verifyAudit(session);
    expect(report).toMatchObject({ intact: true, firstBrokenSeq: null, checked: report.headSeq });
    await session.logout();
  });
});
