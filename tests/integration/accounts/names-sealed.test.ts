/**
 * On a floor the server holds no username, display name or typed reason (docs/field-seal.md):
 * what a superuser reads of the accounts, the log and its pending rows is sealed, while the core
 * still finds, lists, filters and tallies by name. The embedded store keeps them as they are
 * inside its encrypted file, so there the rows hold the names and the reads are the same.
 */
import { describe, expect, it } from 'vitest';
import { accountDetails, closeAccount, resetPassword } from '../../../electron/core/accounts/account-admin';
import { accountByUsername } from '../../../electron/core/accounts/account-repository';
import { rawSql } from '../../../electron/core/store/sql';
import { readFloorFile } from '../../../electron/core/vault/floor-file';
import { adminVaults } from '../../fixtures/admin-vault';
import { sharedCluster } from '../../fixtures/pg-shared';
import { testStore } from '../../fixtures/store';
import { ADMIN } from '../../fixtures/vault';
import type { Session } from '../../../electron/core/session/session';

const setup = adminVaults();
const SLOW = { timeout: 120_000 };
const CUSTOMER = '孙丽华';
const TABLES = ['accounts', 'audit_events', 'audit_pending'] as const;

/** Every row of `table` as text, read as the cluster's superuser (or, embedded, through the vault's own handle). */
async function rowsAsText(session: Session, table: (typeof TABLES)[number]): Promise<string> {
  if (testStore() === 'sqlite') {
    if (table === 'audit_pending') return '';
    return JSON.stringify(await session.vault.db.all(rawSql(`SELECT * FROM ${table}`)));
  }
  const { database } = await readFloorFile(session.vault.dataDir);
  const { rows } = await sharedCluster().query<{ t: string | null }>(
    database,
    `SELECT string_agg(r::text, E'\\n') AS t FROM strongroom.${table} r`,
  );
  return rows[0]?.t ?? '';
}

describe('names and typed text on the server', SLOW, () => {
  it('are sealed on a floor, and read back, found, filtered and tallied by name', async () => {
    const { it: admin } = await setup();
    await resetPassword(admin, 'li.na', `客户${CUSTOMER}来电冒充坐席`);
    await closeAccount(admin, 'li.na', `离职，案件交${CUSTOMER}的组`);
    await admin.vault.settleLog();

    const stored = (await Promise.all(TABLES.map((t) => rowsAsText(admin, t)))).join('\n');
    const names = ['li.na', '李娜', ADMIN.username, CUSTOMER];
    const found = names.filter((n) => stored.includes(n));
    expect(found).toEqual(testStore() === 'postgres' ? [] : names);

    // The core reads them back on either store.
    expect((await accountByUsername(admin.vault.db, 'li.na'))?.displayName).toBe('李娜');
    const details = await accountDetails(admin);
    expect(details.map((d) => d.username)).toEqual([ADMIN.username, 'li.na'].sort());
    const byActor = await admin.vault.audit.list(admin.vault.db, { actor: ADMIN.username, limit: 100 });
    expect(byActor.total).toBeGreaterThan(0);
    expect(byActor.events.every((e) => e.actor === ADMIN.username)).toBe(true);
    const closed = byActor.events.find((e) => e.action === 'account.closed');
    expect(closed).toMatchObject({ object: 'li.na', detail: { reason: `离职，案件交${CUSTOMER}的组` } });
    const tally = await admin.vault.audit.tally(admin.vault.db, 0, admin.vault.now(), [
      'account.closed',
      'account.reset',
    ]);
    expect(tally.map((t) => [t.actor, t.action, t.n]).sort()).toEqual([
      [ADMIN.username, 'account.closed', 1],
      [ADMIN.username, 'account.reset', 1],
    ]);
    await admin.logout();
  });
});
