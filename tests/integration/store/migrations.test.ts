/**
 * One numbered migration sequence on both stores: a new database reaches the latest version, one
 * from a newer app is refused untouched, a failing step rolls back whole, the log's filters have
 * their indexes. On a floor also the compat version: a newer schema that still admits this app,
 * and one older than it needs (seats can't migrate; IT runs `floor migrate`).
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { floorRoles } from '../../../electron/core/floor/floor-roles';
import { canonicalEvent, canonicalJson, type AuditRecord } from '../../../electron/core/audit/chain';
import { initFloorSchema, ownerStore } from '../../../electron/core/floor/floor-init';
import { Db } from '../../../electron/core/store/db';
import { assertRunnable, migrate, schemaState, schemaVersion } from '../../../electron/core/store/migrate';
import { PgStore } from '../../../electron/core/store/pg-store';
import { MIGRATIONS, type Migration } from '../../../electron/core/store/schema';
import { rawSql, sql } from '../../../electron/core/store/sql';
import type { Store } from '../../../electron/core/store/store';
import { snapshot } from '../../fixtures/files';
import { quoteIdent } from '../../fixtures/pg-cluster';
import { sharedCluster } from '../../fixtures/pg-shared';
import { testStore } from '../../fixtures/store';
import { tempDir } from '../../fixtures/vault';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const LATEST = MIGRATIONS.length;

interface Migrated {
  /** The database as its migrator sees it (on a floor: the DBA acting as the floor's owner). */
  db: Store;
  migrateWith: (migrations: readonly Migration[]) => Promise<number>;
  /** What the schema looks like, to show a refusal left it as it was. */
  fingerprint: () => Promise<unknown>;
  /** Sets the recorded version (and a floor's compat) as a newer or older app would have left it. */
  setVersion: (version: number, compat?: number) => Promise<void>;
  /** Whether a table of that name exists. */
  hasTable: (name: string) => Promise<boolean>;
  /** The plan of a query, as text, with sequential scans ruled out where the engine allows it. */
  plan: (q: ReturnType<typeof sql>) => Promise<string>;
}

/** A new database brought to the latest version (or the last of `migrations`) by this run's store's migrator. */
async function migrated(migrations: readonly Migration[] = MIGRATIONS): Promise<Migrated> {
  if (testStore() === 'postgres') return migratedFloor(migrations);
  const { dir, cleanup } = await tempDir();
  cleanups.push(cleanup);
  const db = await Db.open(path.join(dir, 'vault.db'), randomBytes(32), true);
  cleanups.push(() => db.close());
  await migrate(db, migrations);
  return {
    db,
    migrateWith: (migrations) => migrate(db, migrations),
    fingerprint: () => snapshot(dir),
    setVersion: (version) => db.exec(`PRAGMA user_version = ${Math.trunc(version)}`),
    hasTable: async (name) => !!(await db.get(sql`SELECT name FROM sqlite_master WHERE name = ${name}`)),
    plan: async (q) =>
      (await db.all<{ detail: string }>(sql`EXPLAIN QUERY PLAN ${q}`)).map((r) => r.detail).join(' | '),
  };
}

async function migratedFloor(migrations: readonly Migration[] = MIGRATIONS): Promise<Migrated> {
  const cluster = sharedCluster();
  const database = await cluster.createDatabase();
  const roles = floorRoles(database);
  cleanups.push(async () => {
    await cluster.dropDatabase(database);
    for (const role of [roles.seats, roles.owner])
      await cluster.query('postgres', `DROP ROLE IF EXISTS ${quoteIdent(role)}`);
  });
  const dba = await PgStore.connect(cluster.connection(database));
  cleanups.push(() => dba.close());
  await initFloorSchema(dba, database, migrations);
  const db = ownerStore(dba, database);
  return {
    db,
    migrateWith: (migrations) => migrate(db, migrations, { roles }),
    fingerprint: async () => ({
      state: await schemaState(db),
      relations: await db.all(
        sql`SELECT relname, relkind FROM pg_class WHERE relnamespace = current_schema()::regnamespace ORDER BY relname`,
      ),
    }),
    setVersion: (version, compat = version) =>
      db.transaction(
        async (tx) => void (await tx.run(sql`UPDATE schema_info SET version = ${version}, compat = ${compat}`)),
      ),
    hasTable: async (name) => !!(await db.get<{ t: string | null }>(sql`SELECT to_regclass(${name})::text AS t`))?.t,
    plan: (q) =>
      db.transaction(async (tx) => {
        // A new table is tiny, so the planner would scan it whatever indexes it has.
        await tx.exec('SET LOCAL enable_seqscan = off');
        return (await tx.all<{ 'QUERY PLAN': string }>(sql`EXPLAIN ${q}`)).map((r) => r['QUERY PLAN']).join(' | ');
      }),
  };
}

describe('migrations', () => {
  it('brings a new database to the latest version', async () => {
    const { db } = await migrated();
    expect(await schemaVersion(db)).toBe(LATEST);
    await expect(assertRunnable(db)).resolves.toBeUndefined();
  });

  it('refuses a database from a newer app that no longer admits this one, without touching it', async () => {
    const m = await migrated();
    await m.setVersion(99);
    const before = await m.fingerprint();
    await expect(m.migrateWith(MIGRATIONS)).rejects.toMatchObject({ code: 'INPUT_REJECTED', key: 'vault.tooNew' });
    await expect(assertRunnable(m.db)).rejects.toMatchObject({
      key: 'vault.tooNew',
      params: { version: 99, supported: LATEST },
    });
    expect(await m.fingerprint()).toEqual(before);
  });

  it('tells a seat whose database is older than it needs to have IT migrate it first', async () => {
    const m = await migrated();
    await m.setVersion(LATEST - 1);
    await expect(assertRunnable(m.db)).rejects.toMatchObject({
      code: 'INPUT_REJECTED',
      key: 'floor.needsMigration',
      params: { version: LATEST - 1, supported: LATEST },
    });
  });

  // Only a floor has a compat version: 300 seats never upgrade at once.
  it.runIf(testStore() === 'postgres')('runs against a newer floor whose compat version still admits it', async () => {
    const m = await migrated();
    await m.setVersion(LATEST + 2, LATEST);
    await expect(assertRunnable(m.db)).resolves.toBeUndefined();
    expect(await m.migrateWith(MIGRATIONS)).toBe(LATEST + 2);
    expect(await schemaState(m.db)).toEqual({ version: LATEST + 2, compat: LATEST });
  });

  // Schema 7: names reach a floor only sealed (docs/field-seal.md).
  it.runIf(testStore() === 'postgres')(
    'refuses an unsealed name on a floor, and a floor made before names were sealed, changing nothing',
    async () => {
      const m = await migrated();
      const plain = `INSERT INTO accounts (username, display_name, role, state, must_change_password, password_changed_at, created_at)
                     VALUES ('li.na', '李娜', 'agent_phone', 'active', 0, 0, 0)`;
      await expect(m.db.exec(plain)).rejects.toMatchObject({ code: '23514' });
      await m.db.exec(`
        ALTER TABLE accounts DROP CONSTRAINT accounts_username_sealed,
          DROP CONSTRAINT accounts_display_name_sealed, DROP CONSTRAINT accounts_closed_reason_sealed;
        ALTER TABLE audit_pending DROP CONSTRAINT audit_pending_actor_sealed;
        ALTER TABLE audit_log DROP CONSTRAINT audit_log_actor_sealed;
        ${plain}`);
      await m.setVersion(6);
      const before = await m.fingerprint();
      await expect(m.migrateWith(MIGRATIONS)).rejects.toMatchObject({
        code: 'INPUT_REJECTED',
        key: 'floor.namesInPlaintext',
      });
      expect(await m.fingerprint()).toEqual(before);
      expect(await m.db.get(sql`SELECT username FROM accounts`)).toEqual({ username: 'li.na' });
    },
  );

  // Schema 9: a floor's log row is its chained bytes; audit_events reads the fields out of them.
  it.runIf(testStore() === 'postgres')("carries schema 8's log over as the bytes it was chained as", async () => {
    const m = await migratedFloor(MIGRATIONS.slice(0, 8));
    const events: AuditRecord[] = [
      {
        seq: 1,
        at: 1_733_000_000_000,
        actor: null,
        actorId: null,
        seat: null,
        action: 'vault.created',
        object: null,
        outcome: 'ok',
        detail: canonicalJson({ firstAccountRole: 'it' }),
      },
      {
        seq: 2,
        at: 1_733_000_000_123,
        actor: 'n1:c2VhbGVk',
        actorId: 7,
        seat: 'ABCD-EFGH-JKLM',
        action: 'audit.searched',
        object: 'n1:b2JqZWN0',
        outcome: 'denied',
        // What JSON escapes and what it leaves raw, nested as the detail text.
        detail: canonicalJson({ text: 'quote " backslash \\ tab \t nl \n 中文 \u0001 \u2028 😀' }),
      },
    ];
    for (const e of events)
      await m.db.run(
        sql`INSERT INTO audit_events (seq, at, actor, actor_id, seat, action, object, outcome, detail, hash)
            VALUES (${e.seq}, ${e.at}, ${e.actor}, ${e.actorId}, ${e.seat}, ${e.action}, ${e.object}, ${e.outcome}, ${e.detail}, ${randomBytes(32)})`,
      );
    expect(await m.migrateWith(MIGRATIONS)).toBe(LATEST);
    const stored = await m.db.all<{ chained: string }>(sql`SELECT chained FROM audit_log ORDER BY seq`);
    expect(stored.map((r) => r.chained)).toEqual(events.map(canonicalEvent));
    const read = await m.db.all<Record<string, unknown>>(
      sql`SELECT seq, at, actor, actor_id, seat, action, object, outcome, detail FROM audit_events ORDER BY seq`,
    );
    expect(
      read.map((r) => [r.seq, r.at, r.actor, r.actor_id, r.seat, r.action, r.object, r.outcome, r.detail].map(String)),
    ).toEqual(
      events.map((e) => [e.seq, e.at, e.actor, e.actorId, e.seat, e.action, e.object, e.outcome, e.detail].map(String)),
    );
  });

  it.runIf(testStore() === 'postgres')('refuses a floor log row that is not a chained event', async () => {
    const m = await migratedFloor();
    const good = ['1', '0', 'null', 'null', 'null', '"vault.created"', 'null', '"ok"', '"{}"'];
    const array = (parts: string[]) => `[${parts.join(',')}]`;
    const but = (i: number, part: string) => array(good.map((p, at) => (at === i ? part : p)));
    const row = (chained: string, seq = 1) =>
      m.db.run(sql`INSERT INTO audit_log (seq, chained, hash) VALUES (${seq}, ${chained}, ${randomBytes(32)})`);
    const bad: [string, string, number?][] = [
      ['another seq than its row', array(good), 2],
      ['not an array', '{"seq":1}'],
      ['a field short', array(good.slice(0, 8))],
      ['no action', but(5, 'null')],
      ['no outcome', but(7, 'null')],
      ['an unknown outcome', but(7, '"maybe"')],
      ['a detail that is not text', but(8, '{}')],
      ['an unsealed actor', but(2, '"li.na"')],
    ];
    for (const [what, chained, seq] of bad)
      await expect(row(chained, seq), what).rejects.toMatchObject({ code: '23514' });
    // Spaces are JSON too: the row is taken, and verify checks it from its fields (verify-page test).
    await expect(row(`[ ${good.join(', ')} ]`)).resolves.toBeDefined();
  });

  it('rolls a failing migration back whole', async () => {
    const m = await migrated();
    const broken: Migration[] = [
      ...MIGRATIONS,
      {
        version: LATEST + 1,
        name: 'broken',
        up: 'CREATE TABLE extra (x INTEGER) STRICT; SELECT * FROM missing_table;',
        postgres: 'CREATE TABLE extra (x integer); SELECT * FROM missing_table;',
      },
    ];
    await expect(m.migrateWith(broken)).rejects.toThrow();
    expect(await schemaVersion(m.db)).toBe(LATEST);
    expect(await m.hasTable('extra')).toBe(false);
  });

  it('serves the access-log filters from their indexes', async () => {
    const { plan } = await migrated();
    expect(await plan(sql`SELECT * FROM audit_events WHERE actor = ${'x'} ORDER BY seq DESC LIMIT 10`)).toMatch(
      /audit_(events|log)_actor/,
    );
    expect(await plan(sql`SELECT * FROM audit_events WHERE action = ${'x'} ORDER BY seq DESC LIMIT 10`)).toMatch(
      /audit_(events|log)_action/,
    );
  });

  // Schema 14: a blind-index token is a column beside its value, no longer a row of case_lookup.
  it('carries name, ID and card tokens from case_lookup into their columns, and drops it', async () => {
    const m = await migrated(MIGRATIONS.slice(0, 13));
    // Sealed forms as a floor's CHECKs want them (schema 7); the bytes don't matter here.
    const [sealed, text] = ['n1:c2VhbGVk', 't1:c2VhbGVk'];
    await m.db.exec(`
      INSERT INTO accounts (username, display_name, role, state, must_change_password, password_changed_at, created_at)
        VALUES ('${sealed}', '${text}', 'cs', 'active', 0, 0, 0), ('${sealed}x', '${text}', 'qc', 'active', 0, 0, 0)`);
    await m.db.run(
      sql`INSERT INTO batches (batch_no, template, archive_sha256, ceremony_id, seat_id, custodian_a, custodian_b, imported_at, case_count, total_fen)
          SELECT 'B1', 't', ${'a'.repeat(64)}, 'c1', 'S', min(id), max(id), 0, 2, 0 FROM accounts`,
    );
    for (const caseNo of ['ZX1', 'ZX2'])
      await m.db.run(
        sql`INSERT INTO cases (batch_id, case_no, source_row, name_sealed, name_mask, amount_assigned_fen)
            SELECT id, ${caseNo}, 1, ${Buffer.from('x')}, '冯*', 0 FROM batches`,
      );
    const token = (n: number) => Buffer.alloc(16, n);
    for (const [t, caseNo, field] of [
      [1, 'ZX1', 'name'],
      [2, 'ZX1', 'id'],
      [3, 'ZX1', 'card'],
      [4, 'ZX1', 'phone'],
      [5, 'ZX2', 'name'],
    ] as const)
      await m.db.run(
        sql`INSERT INTO case_lookup (token, case_id, field) SELECT ${token(t)}, id, ${field} FROM cases WHERE case_no = ${caseNo}`,
      );

    expect(await m.migrateWith(MIGRATIONS)).toBe(LATEST);
    const rows = await m.db.all<Record<string, Uint8Array | null>>(
      sql`SELECT name_token, id_number_token, card_number_token, mobile_token, home_phone_token FROM cases ORDER BY id`,
    );
    const hex = (v: Uint8Array | null) => (v ? Buffer.from(v).toString('hex') : null);
    expect(rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, hex(v)])))).toEqual([
      {
        name_token: hex(token(1)),
        id_number_token: hex(token(2)),
        card_number_token: hex(token(3)),
        mobile_token: null,
        home_phone_token: null,
      },
      {
        name_token: hex(token(5)),
        id_number_token: null,
        card_number_token: null,
        mobile_token: null,
        home_phone_token: null,
      },
    ]);
    expect(await m.hasTable('case_lookup')).toBe(false);
  });

  it('serves token searches from their indexes', async () => {
    const { plan } = await migrated();
    const t = Buffer.alloc(16, 1);
    for (const column of ['name_token', 'id_number_token', 'card_number_token', 'mobile_token', 'home_phone_token'])
      expect(await plan(sql`SELECT id FROM cases WHERE ${rawSql(column)} = ${t}`)).toMatch(`cases_${column}`);
    expect(await plan(sql`SELECT case_id FROM case_contacts WHERE phone_token = ${t}`)).toMatch(
      'case_contacts_phone_token',
    );
  });

  it.runIf(testStore() === 'sqlite')('cannot be opened with another key', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const file = path.join(dir, 'vault.db');
    const db = await Db.open(file, randomBytes(32), true);
    await migrate(db);
    await db.close();
    await expect(Db.open(file, randomBytes(32), false)).rejects.toMatchObject({ code: 'VAULT_DAMAGED' });
  });
});
