/**
 * The PostgreSQL test fixture itself: its own clusters (not the run's shared one), proving the
 * certificate login a seat uses, restarts, crash recovery and a standby that takes over.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { clusterRef, startCluster, type PgCluster } from '../../fixtures/pg-cluster';
import { startStandby } from '../../fixtures/pg-replication';
import { issueClientCertificate, makeCa } from '../../fixtures/pg-tls';
import { waitUntil } from '../../fixtures/pg-process';

const SLOW = { timeout: 120_000 };

/** Connects, runs one statement, disconnects; a refused login rejects with the server's error. */
async function once<R extends pg.QueryResultRow>(config: pg.ClientConfig, text: string, values?: unknown[]) {
  const client = new pg.Client(config);
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

describe('a TLS test cluster', SLOW, () => {
  let cluster: PgCluster;
  let db: string;

  beforeAll(async () => {
    cluster = await startCluster({ tls: true, name: 'fixture' });
    db = await cluster.createDatabase();
    await cluster.query(db, 'CREATE ROLE seat_x LOGIN');
  }, SLOW.timeout);
  afterAll(() => cluster?.destroy(), SLOW.timeout);

  it('takes the superuser over the Unix socket', async () => {
    expect(cluster.connection(db).host).toBe(cluster.socketDir);
    const rows = await once(cluster.connection(db), 'SELECT current_user AS who, inet_server_addr() AS addr');
    expect(rows).toEqual([{ who: 'postgres', addr: null }]);
  });

  it('logs a seat in over TLS with a client certificate whose CN is its role', async () => {
    const config = cluster.tlsConnection(db, 'seat_x', await cluster.clientCertificate('seat_x'));
    expect(config.ssl).toMatchObject({ servername: 'localhost' });
    expect(config.ssl).not.toHaveProperty('rejectUnauthorized');
    const rows = await once(config, 'SELECT current_user AS who, ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
    expect(rows).toEqual([{ who: 'seat_x', ssl: true }]);
  });

  it('refuses a certificate for another CN or from another CA, none at all, and TCP without TLS', async () => {
    const refused = { code: '28000' }; // invalid_authorization_specification
    const otherCn = cluster.tlsConnection(db, 'seat_x', await cluster.clientCertificate('seat_y'));
    await expect(once(otherCn, 'SELECT 1')).rejects.toMatchObject({
      ...refused,
      message: expect.stringContaining('certificate authentication failed for user "seat_x"'),
    });

    const noCert = { host: '127.0.0.1', port: cluster.port, database: db, user: 'seat_x' };
    await expect(
      once({ ...noCert, ssl: { ca: cluster.ca, servername: 'localhost' } }, 'SELECT 1'),
    ).rejects.toMatchObject({ ...refused, message: expect.stringContaining('requires a valid client certificate') });
    await expect(once({ ...noCert, ssl: false }, 'SELECT 1')).rejects.toMatchObject({
      ...refused,
      message: expect.stringContaining('no encryption'),
    });

    const dir = await mkdtemp(path.join(os.tmpdir(), 'strongroom-pg-rogue-'));
    try {
      const rogueCa = await makeCa(dir, 'Rogue CA');
      const rogue = await issueClientCertificate(rogueCa, 'seat_x');
      await expect(once(cluster.tlsConnection(db, 'seat_x', rogue), 'SELECT 1')).rejects.toMatchObject({
        code: 'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA',
      });
      // And the client checks the server: trusting another CA, it refuses ours.
      const trustsRogue = cluster.tlsConnection(db, 'seat_x', await cluster.clientCertificate('seat_x'));
      trustsRogue.ssl = { ...(trustsRogue.ssl as object), ca: await readFile(rogueCa.caCertFile, 'utf8') };
      await expect(once(trustsRogue, 'SELECT 1')).rejects.toMatchObject({ code: 'SELF_SIGNED_CERT_IN_CHAIN' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('works from its facts alone, as a worker or child process would', async () => {
    const ref = clusterRef(JSON.parse(JSON.stringify(cluster.facts)));
    const other = await ref.createDatabase();
    expect(other).toMatch(/^t_[0-9a-f]{12}$/);
    const rows = await once(
      ref.tlsConnection(other, 'seat_x', await ref.clientCertificate('seat_x')),
      'SELECT 1 AS one',
    );
    expect(rows).toEqual([{ one: 1 }]);
    await ref.dropDatabase(other);
    const left = await ref.query('postgres', 'SELECT 1 FROM pg_database WHERE datname = $1', [other]);
    expect(left.rowCount).toBe(0);
  });

  it('keeps committed data across stop and start', async () => {
    await cluster.query(db, 'CREATE TABLE kept (n int)');
    await cluster.query(db, 'INSERT INTO kept VALUES (1)');
    await cluster.stop();
    await expect(once(cluster.connection(db), 'SELECT 1')).rejects.toThrow();
    await cluster.start();
    expect((await cluster.query(db, 'SELECT n FROM kept')).rows).toEqual([{ n: 1 }]);
  });

  it('recovers committed data after kill (SIGKILL) and start', async () => {
    await cluster.query(db, 'INSERT INTO kept VALUES (2)');
    const open = new pg.Client(cluster.connection(db));
    open.on('error', () => undefined); // the kill ends this session
    await open.connect();
    await open.query('BEGIN');
    await open.query('INSERT INTO kept VALUES (3)'); // never committed: must not survive
    await cluster.kill();
    await cluster.start();
    expect((await cluster.query(db, 'SELECT n FROM kept ORDER BY n')).rows).toEqual([{ n: 1 }, { n: 2 }]);
    await open.end().catch(() => undefined);
  });
});

describe('a synchronous standby', SLOW, () => {
  let primary: PgCluster;
  let standby: PgCluster;

  beforeAll(async () => {
    primary = await startCluster({ tls: true, name: 'primary', synchronous: true });
    standby = await startStandby(primary);
  }, SLOW.timeout);
  afterAll(async () => {
    await standby?.destroy();
    await primary?.destroy();
  }, SLOW.timeout);

  it('receives a row, is read-only, and accepts writes once promoted', async () => {
    const sync = await primary.query('postgres', 'SELECT application_name, sync_state FROM pg_stat_replication');
    expect(sync.rows).toEqual([{ application_name: 'standby1', sync_state: 'sync' }]);

    await primary.query('postgres', 'CREATE TABLE replicated (n int)');
    await primary.query('postgres', 'INSERT INTO replicated VALUES (1)');
    await waitUntil('the row on the standby', async () => {
      const { rows } = await standby.query('postgres', "SELECT to_regclass('replicated') IS NOT NULL AS here");
      return rows[0]?.here === true && (await standby.query('postgres', 'SELECT n FROM replicated')).rowCount === 1;
    });
    await expect(standby.query('postgres', 'INSERT INTO replicated VALUES (2)')).rejects.toMatchObject({
      code: '25006', // read_only_sql_transaction
    });

    await primary.kill();
    await standby.promote();
    await standby.query('postgres', 'INSERT INTO replicated VALUES (2)');
    expect((await standby.query('postgres', 'SELECT n FROM replicated ORDER BY n')).rows).toEqual([{ n: 1 }, { n: 2 }]);

    // The same CA and client certificates work on the new primary.
    await standby.query('postgres', 'CREATE ROLE seat_x LOGIN');
    const config = standby.tlsConnection('postgres', 'seat_x', await primary.clientCertificate('seat_x'));
    expect(await once(config, 'SELECT current_user AS who')).toEqual([{ who: 'seat_x' }]);
  });
});
