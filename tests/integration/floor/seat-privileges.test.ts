/**
 * What a seat may not do on the floor's server, proved as a seat: its own login role over TLS
 * with its client certificate, holding only what docs/floor-schema.md grants it.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { SCHEMA_VERSION } from '../../../electron/core/store/schema';
import { startCluster, type ClientCertificate, type PgCluster } from '../../fixtures/pg-cluster';
import { createDba, newFloor, SEAT_A, signIn, stateOf, type Floor } from './floor-fixture';

const SLOW = { timeout: 120_000 };
const INSUFFICIENT_PRIVILEGE = '42501';
const REFUSED_BY_SCHEMA = 'SR001';

describe('a seat on the floor', SLOW, () => {
  let cluster: PgCluster;
  let floor: Floor;
  let seat: pg.Client;
  const certificates = new Map<string, ClientCertificate>();

  beforeAll(async () => {
    cluster = await startCluster({ tls: true, name: 'floor-privileges' });
    await createDba(cluster);
    floor = await newFloor(cluster, certificates);
    seat = await floor.seat(SEAT_A);
    // One access-log row to try to change.
    await floor.owner.exec(`INSERT INTO audit_log (seq, chained, hash)
                            VALUES (1, '[1,0,null,null,null,"vault.created",null,"ok","{}"]', '\\x00')`);
  }, SLOW.timeout);
  afterAll(async () => {
    await floor?.close();
    await cluster?.destroy();
  }, SLOW.timeout);

  /** Runs `text` in a transaction that has acted in a live app session, then rolls it back. */
  async function inSession(text: string, values?: unknown[]): Promise<pg.QueryResult> {
    const token = await signIn(seat, floor.it);
    await seat.query('BEGIN');
    try {
      await seat.query('SELECT act_as($1)', [token]);
      return await seat.query(text, values);
    } finally {
      await seat.query('ROLLBACK');
    }
  }

  it('is its own login role, over TLS, with search_path strongroom and no superpowers', async () => {
    const { rows } = await seat.query<{ who: string; ssl: boolean; path: string; sup: boolean }>(`
      SELECT current_user AS who, (SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()) AS ssl,
             current_setting('search_path') AS path, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS sup`);
    expect(rows).toEqual([{ who: floor.roles.seatRole(SEAT_A), ssl: true, path: 'strongroom', sup: false }]);
  });

  it('cannot UPDATE, DELETE or TRUNCATE the access log, even inside an app session', async () => {
    for (const statement of [
      `UPDATE audit_log SET chained = replace(chained, '"ok"', '"denied"')`,
      'DELETE FROM audit_log',
      'TRUNCATE audit_log',
      'DELETE FROM audit_events',
    ]) {
      expect(await stateOf(seat.query(statement)), statement).toBe(INSUFFICIENT_PRIVILEGE);
      expect(await stateOf(inSession(statement)), statement).toBe(INSUFFICIENT_PRIVILEGE);
    }
  });

  it("has the access log's triggers refuse UPDATE, DELETE and TRUNCATE even to its owner", async () => {
    for (const statement of [
      `UPDATE audit_log SET chained = replace(chained, '"ok"', '"denied"')`,
      'DELETE FROM audit_log',
      'DELETE FROM audit_events',
      'TRUNCATE audit_log',
    ])
      await expect(floor.owner.exec(statement), statement).rejects.toMatchObject({ code: 'NOT_PERMITTED' });
    expect(await floor.peek('SELECT seq FROM strongroom.audit_events')).toEqual([{ seq: '1' }]);
    // And to the superuser, who bypasses every grant but not a trigger it does not disable.
    expect(await stateOf(floor.peek('DELETE FROM strongroom.audit_log'))).toBe(REFUSED_BY_SCHEMA);
  });

  it('reads nothing of keyslots, lockout counters, tickets, sessions or the floor secrets', async () => {
    for (const table of [
      'keyslots',
      'login_state',
      'auth_tickets',
      'app_sessions',
      'app_session_backends',
      'floor_secrets',
    ]) {
      expect(await stateOf(seat.query(`SELECT * FROM ${table}`)), table).toBe(INSUFFICIENT_PRIVILEGE);
      expect(await stateOf(inSession(`SELECT * FROM ${table}`)), table).toBe(INSUFFICIENT_PRIVILEGE);
    }
    expect(
      await stateOf(seat.query("UPDATE login_state SET failures = 0, locked_until = NULL WHERE lookup <> ''")),
    ).toBe(INSUFFICIENT_PRIVILEGE);
  });

  it('draws from no sequence and sets none: the accounts identity and a gate', async () => {
    const identity = 'strongroom.accounts_id_seq';
    const gate = `strongroom.gate_${floor.it.id}`;
    expect(await floor.peek('SELECT pg_get_serial_sequence($1, $2) AS s', ['strongroom.accounts', 'id'])).toEqual([
      { s: identity },
    ]);
    for (const sequence of [identity, gate]) {
      expect(await stateOf(seat.query('SELECT nextval($1)', [sequence])), sequence).toBe(INSUFFICIENT_PRIVILEGE);
      expect(await stateOf(seat.query('SELECT setval($1, 1000)', [sequence])), sequence).toBe(INSUFFICIENT_PRIVILEGE);
      expect(await stateOf(seat.query(`SELECT last_value FROM ${sequence}`)), sequence).toBe(INSUFFICIENT_PRIVILEGE);
      expect(await stateOf(inSession('SELECT setval($1, 1000)', [sequence])), sequence).toBe(INSUFFICIENT_PRIVILEGE);
    }
  });

  it('cannot disable a trigger, drop or create a table, create a function, or become the owner', async () => {
    const refused = [
      'ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only',
      'ALTER TABLE audit_log DISABLE TRIGGER ALL',
      'ALTER TABLE accounts DISABLE ROW LEVEL SECURITY',
      'DROP TABLE audit_log',
      'DROP VIEW audit_events',
      'CREATE OR REPLACE VIEW audit_events AS SELECT 1 AS seq',
      'DROP POLICY in_session ON accounts',
      'CREATE TABLE strongroom.mine (x integer)',
      'CREATE TABLE mine (x integer)',
      'CREATE TABLE public.mine (x integer)',
      'CREATE FUNCTION strongroom.session_ok2() RETURNS boolean LANGUAGE sql AS $$ SELECT true $$',
      `SET ROLE ${floor.roles.owner}`,
      "SELECT set_config('role', 'postgres', false)",
    ];
    for (const statement of refused)
      expect(await stateOf(seat.query(statement)), statement).toBe(INSUFFICIENT_PRIVILEGE);
    const enabled = await floor.peek(
      `SELECT tgname FROM pg_trigger WHERE tgrelid = 'strongroom.audit_log'::regclass AND tgenabled = 'O' AND NOT tgisinternal
        ORDER BY tgname`,
    );
    expect(enabled).toEqual([{ tgname: 'audit_log_append_only' }, { tgname: 'audit_log_no_truncate' }]);
  });

  it('sees and writes no business rows without an app session', async () => {
    for (const table of ['accounts', 'policy', 'role_permissions', 'meta', 'key_epochs', 'audit_log', 'audit_events']) {
      const { rows } = await seat.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
      expect(rows, table).toEqual([{ n: '0' }]);
    }
    expect((await floor.peek<{ n: string }>('SELECT count(*) AS n FROM strongroom.accounts'))[0]!.n).toBe('2');
    expect(await stateOf(seat.query(`INSERT INTO policy (key, value) VALUES ('lockoutThreshold', '3')`))).toBe(
      INSUFFICIENT_PRIVILEGE, // "new row violates row-level security policy"
    );
    const update = await seat.query(`UPDATE accounts SET role = 'it'`);
    expect(update.rowCount).toBe(0);
    const remove = await seat.query('DELETE FROM role_permissions');
    expect(remove.rowCount).toBe(0);
  });

  it('gets nothing from a forged strongroom.session, or from a real token set by hand', async () => {
    await seat.query('BEGIN');
    await seat.query("SELECT set_config('strongroom.session', $1, true)", [randomBytes(32).toString('hex')]);
    expect((await seat.query('SELECT count(*) AS n FROM accounts')).rows).toEqual([{ n: '0' }]);
    await seat.query('ROLLBACK');

    // A live token, but on a backend that never acted in its session (act_as records it).
    const token = await signIn(seat, floor.it);
    const other = await floor.seat(SEAT_A);
    await other.query('BEGIN');
    await other.query("SELECT set_config('strongroom.session', $1, true)", [token.toString('hex')]);
    expect((await other.query('SELECT count(*) AS n FROM accounts')).rows).toEqual([{ n: '0' }]);
    await other.query('ROLLBACK');

    // act_as opens the rows for its own transaction only.
    await other.query('BEGIN');
    await other.query('SELECT act_as($1)', [token]);
    expect((await other.query('SELECT count(*) AS n FROM accounts')).rows).toEqual([{ n: '2' }]);
    await other.query('COMMIT');
    expect((await other.query('SELECT count(*) AS n FROM accounts')).rows).toEqual([{ n: '0' }]);
  });

  it('reads floor_info and schema_info before anyone signs in, and may not change them', async () => {
    const { rows } = await seat.query('SELECT vault_id, lookup_salt, epoch, generation FROM floor_info');
    expect(rows).toEqual([
      { vault_id: '00000000-0000-4000-8000-000000000001', lookup_salt: 'ab'.repeat(32), epoch: '1', generation: '1' },
    ]);
    expect((await seat.query('SELECT version FROM schema_info')).rows).toEqual([{ version: SCHEMA_VERSION }]);
    expect(await stateOf(seat.query('UPDATE floor_info SET epoch = 9'))).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await stateOf(seat.query('UPDATE schema_info SET version = 99'))).toBe(INSUFFICIENT_PRIVILEGE);
  });

  it('has the grants domain code needs inside an app session', async () => {
    const token = await signIn(seat, floor.it);
    await seat.query('BEGIN');
    try {
      await seat.query('SELECT act_as($1)', [token]);
      const created = await seat.query<{ id: string }>(`
        INSERT INTO accounts (username, display_name, role, state, password_changed_at, created_at)
        VALUES ('n1:c2VhbGVkLW5hbWU', 't1:c2VhbGVkLXRleHQ', 'qc', 'active', 0, 0) RETURNING id`);
      expect(Number(created.rows[0]!.id)).toBeGreaterThan(floor.agent.id);
      await seat.query(`INSERT INTO policy (key, value) VALUES ('lockoutMinutes', '45')
                        ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
      await seat.query(`INSERT INTO seats (seat_id, first_seen_at, last_seen_at) VALUES ('AAAA-AAAA-AAAA', 0, 0)`);
      await seat.query(`INSERT INTO seat_bindings (account_id, seat_id, bound_at) VALUES ($1, 'AAAA-AAAA-AAAA', 0)`, [
        created.rows[0]!.id,
      ]);
      expect(
        (await seat.query('DELETE FROM seat_bindings WHERE account_id = $1', [created.rows[0]!.id])).rowCount,
      ).toBe(1);
      await seat.query(`INSERT INTO audit_log (seq, chained, hash)
                        VALUES (2, '[2,0,null,null,null,"account.created",null,"ok","{}"]', '\\x00')`);
      // A policy change moves the generation seats re-read on.
      expect((await seat.query('SELECT generation FROM floor_info')).rows).toEqual([{ generation: '2' }]);
    } finally {
      await seat.query('ROLLBACK');
    }
  });
});
