/**
 * "Anchor only what a synchronous standby has confirmed" (docs/floor-ha.md, "Anchors").
 *
 * With `synchronous_standby_names` set on the primary and `synchronous_commit` at `on` (or
 * `remote_apply`), a transaction that wrote something does not return from COMMIT — and other
 * sessions don't see it — until a synchronous standby has flushed its commit record. WAL is one
 * sequence: once the anchor transaction's own commit is confirmed, so is everything before it,
 * the chaining round that wrote the anchored head included, whatever that round's own settings
 * were. So the anchor transaction itself is made to commit synchronously, and the anchor is
 * handed out only after that COMMIT has returned (`session.audited` returns after its commit,
 * and the `audit.anchorExported` event it writes is what makes the commit wait).
 *
 * A seat can't read the standby's replay position (pg_stat_replication hides it from all but
 * pg_read_all_stats), so this checks the setting the server waits under instead of the LSNs.
 */
import { fail } from '../errors';
import { sql } from '../store/sql';
import type { Queryable } from '../store/store';
import { hasStandbys, readFloorFile } from '../vault/floor-file';
import type { Vault } from '../vault/vault';

/** The settings under which a commit waits for a standby to flush it (remote_write only waits for its OS). */
const CONFIRMING = new Set(['on', 'remote_apply']);

/**
 * Call in the anchor's transaction, before its head is read (exportAnchor). On a floor whose
 * floor.json lists standbys, refuses (UNAVAILABLE `floor.noSyncStandby`) while the server has no
 * synchronous standby — after a failover, until one is attached again — rather than anchor what
 * only one server holds. On any floor whose server has one: this transaction commits under
 * `synchronous_commit = on` at least, and no statement timeout can cut its wait short (a
 * cancelled wait leaves a commit that is only local, with a mere WARNING). Embedded vaults and
 * single-server floors: nothing to do.
 */
export async function requireSyncStandby(tx: Queryable, vault: Pick<Vault, 'kind' | 'dataDir'>): Promise<void> {
  if (vault.kind !== 'floor') return;
  const expected = hasStandbys(await readFloorFile(vault.dataDir));
  await commitConfirmed(tx, expected);
}

/**
 * The server-side half of requireSyncStandby: 'synchronous' when this transaction's commit
 * will wait for a synchronous standby, 'single' when the server has none and none is expected.
 */
export async function commitConfirmed(tx: Queryable, expected: boolean): Promise<'synchronous' | 'single'> {
  const row = await tx.get<{ names: string; level: string }>(
    sql`SELECT current_setting('synchronous_standby_names') AS names, current_setting('synchronous_commit') AS level`,
  );
  if (!row?.names.trim()) {
    if (expected) fail('UNAVAILABLE', 'floor.noSyncStandby');
    return 'single';
  }
  if (!CONFIRMING.has(row.level)) await tx.get(sql`SELECT set_config('synchronous_commit', 'on', true) AS level`);
  await tx.get(sql`SELECT set_config('statement_timeout', '0', true) AS timeout`);
  return 'synchronous';
}
