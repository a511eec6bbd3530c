/**
 * The floor's failover drill (docs/floor-ha.md): a primary and a synchronous standby on
 * loopback, a floor on them, a seat at work; the primary is killed, the standby promoted, the
 * seat signs in again and lands on it. Nothing anchored — nothing committed — is lost, and a
 * lockout is still a lockout. Also how a seat picks its server (floor.json's standbys,
 * PgStore.connect) and the rule that an anchor waits for the standby.
 *
 * STRONGROOM_DRILL_TIMINGS=1 prints the drill's timings.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountDetails, addAccount } from '../../../electron/core/accounts/account-admin';
import { exportAnchor, verifyAudit } from '../../../electron/core/audit/audit-service';
import { commitConfirmed, requireSyncStandby } from '../../../electron/core/floor/replication';
import type { Session } from '../../../electron/core/session/session';
import { login } from '../../../electron/core/session/unlock';
import { PgStore } from '../../../electron/core/store/pg-store';
import { sql } from '../../../electron/core/store/sql';
import {
  floorConnection,
  MAX_STANDBYS,
  readFloorFile,
  writeFloorFile,
  type FloorFile,
} from '../../../electron/core/vault/floor-file';
import { ADMIN, testEnv } from '../../fixtures/env';
import { freshFloor, type TestFloor } from '../../fixtures/floor-vault';
import { startCluster, type PgCluster } from '../../fixtures/pg-cluster';
import { freePort } from '../../fixtures/pg-process';
import { startStandby } from '../../fixtures/pg-replication';

const SLOW = { timeout: 300_000 };
const AGENT = { username: 'li.na', password: 'Initial9pass' };

/** The server a session's store is connected to (its port on loopback). */
async function portOf(session: Session): Promise<number> {
  const row = await session.vault.db.get<{ port: number }>(sql`SELECT inet_server_port() AS port`);
  return row!.port;
}

/** Whether a promise is still pending after `ms`. */
async function pendingAfter(promise: Promise<unknown>, ms: number): Promise<boolean> {
  const still = Symbol('pending');
  const first = await Promise.race([promise.then(() => null), new Promise((r) => setTimeout(() => r(still), ms))]);
  return first === still;
}

describe('floor failover: a primary and a synchronous standby on loopback', SLOW, () => {
  let primary: PgCluster;
  let standby: PgCluster;
  let rebuilt: PgCluster | undefined;
  let floor: TestFloor;
  const env = testEnv();
  const sessions: Session[] = [];

  beforeAll(async () => {
    primary = await startCluster({ tls: true, durable: true, synchronous: true, name: 'ha-primary' });
    standby = await startStandby(primary, { name: 'ha-standby' });
    floor = await freshFloor(primary, env);
    // What IT writes on each seat of a floor with a standby: the standby after the primary.
    const file = await readFloorFile(floor.dataDir);
    await writeFloorFile(floor.dataDir, {
      ...file,
      standbys: [{ host: '127.0.0.1', port: standby.port, servername: 'localhost' }],
    });
  }, SLOW.timeout);

  afterAll(async () => {
    for (const s of sessions) await s.logout().catch(() => undefined);
    await rebuilt?.destroy();
    await standby?.destroy();
    await primary?.destroy();
    // The floor's database and roles went with the clusters; its seat directory is left.
    if (floor) await rm(path.dirname(floor.dataDir), { recursive: true, force: true });
  }, SLOW.timeout);

  async function signIn(username: string, password: string): Promise<Session> {
    const session = await login(floor.dataDir, username, password, env);
    sessions.push(session);
    return session;
  }

  it('lists standbys in floor.json, bounded and checked like the primary', async () => {
    const file = await readFloorFile(floor.dataDir);
    expect(file.standbys).toEqual([{ host: '127.0.0.1', port: standby.port, servername: 'localhost' }]);

    /** floor.json with these standbys (unchecked: the writer checks, as the reader does). */
    const refused = async (standbys: unknown[]) =>
      writeFloorFile(floor.dataDir, { ...file, standbys } as FloorFile).then(
        () => 'written',
        (e: unknown) => (e as Error).message,
      );
    const one = { host: '10.0.0.2', port: 5432 };
    const many = Array.from({ length: MAX_STANDBYS + 1 }, (_, i) => ({ host: `10.0.0.${i + 2}`, port: 5432 }));
    expect(await refused(many)).toMatch(/out of bounds/);
    expect(await refused([{ host: 'db/../x', port: 5432 }])).toMatch(/out of bounds/);
    expect(await refused([{ host: '10.0.0.2', port: 0 }])).toMatch(/out of bounds/);
    expect(await refused([{ ...one, user: 'postgres' }])).toMatch(/out of bounds/); // strict
    expect(await refused([{ host: file.host, port: file.port }])).toMatch(/out of bounds/); // the primary again
    expect(await refused([one, one])).toMatch(/out of bounds/);
    expect(await readFloorFile(floor.dataDir)).toEqual(file); // nothing written

    // One connection per server, primary first; the same TLS material, each its own name.
    const configs = await floorConnection(floor.dataDir, { ...file, standbys: [...file.standbys!, one] });
    expect(configs.map((c) => [c.host, c.port, (c.ssl as { servername: string }).servername])).toEqual([
      ['127.0.0.1', primary.port, 'localhost'],
      ['127.0.0.1', standby.port, 'localhost'],
      ['10.0.0.2', 5432, '10.0.0.2'],
    ]);
    expect(new Set(configs.map((c) => (c.ssl as { key: string }).key))).toHaveProperty('size', 1);
    expect(configs.every((c) => c.user === file.user && c.database === file.database)).toBe(true);
  });

  it('connects to the first server that takes writes: unreachable and read-only ones are passed over', async () => {
    const [toPrimary, toStandby] = await floorConnection(floor.dataDir, await readFloorFile(floor.dataDir));
    const closed = { ...toPrimary!, port: await freePort() };
    const serverOf = async (store: PgStore) => {
      try {
        return (await store.get<{ port: number }>(sql`SELECT inet_server_port() AS port`))!.port;
      } finally {
        await store.close();
      }
    };
    expect(await serverOf(await PgStore.connect([toStandby!, toPrimary!]))).toBe(primary.port);
    expect(await serverOf(await PgStore.connect([closed, toPrimary!]))).toBe(primary.port);
    await expect(PgStore.connect([toStandby!])).rejects.toMatchObject({ code: 'UNAVAILABLE', key: 'floor.noPrimary' });
    await expect(PgStore.connect([closed, toStandby!])).rejects.toMatchObject({ key: 'floor.noPrimary' });
    await expect(PgStore.connect([closed])).rejects.toMatchObject({ code: 'UNAVAILABLE', key: 'floor.unreachable' });
    // A refused certificate is a setup error to show, not a server to skip.
    const wrongName = { ...toPrimary!, ssl: { ...(toPrimary!.ssl as object), servername: 'elsewhere' } };
    await expect(PgStore.connect([wrongName, toStandby!])).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      key: 'floor.certificate',
    });
  });

  it('hands out an anchor only once the standby has confirmed it', async () => {
    const it0 = await signIn(ADMIN.username, ADMIN.password);
    expect(await it0.vault.db.transaction((tx) => commitConfirmed(tx, true))).toBe('synchronous');
    // A weaker level for the session is raised for the anchor's own transaction.
    const level = await it0.vault.db.transaction(async (tx) => {
      await tx.get(sql`SELECT set_config('synchronous_commit', 'local', true) AS level`);
      await requireSyncStandby(tx, it0.vault);
      return (await tx.get<{ level: string }>(sql`SELECT current_setting('synchronous_commit') AS level`))!.level;
    });
    expect(level).toBe('on');

    await standby.stop('fast');
    const started = Date.now();
    const anchor = exportAnchor(it0);
    anchor.catch(() => undefined);
    const waited = await pendingAfter(anchor, 1_500);
    await standby.start();
    expect(waited).toBe(true);
    expect((await anchor).seq).toBeGreaterThan(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_500);
    await it0.logout();
  });

  it('survives the primary being killed: the seat signs in again on the promoted standby, nothing lost', async () => {
    const timings: Record<string, number> = {};

    // Before: a seat at work on the primary.
    const it1 = await signIn(ADMIN.username, ADMIN.password);
    expect(await portOf(it1)).toBe(primary.port);
    await addAccount(it1, { ...AGENT, role: 'agent_phone' });
    await addAccount(it1, { username: 'wang.wei', role: 'agent_phone', password: 'Initial9pass' });
    const anchor = await exportAnchor(it1);
    expect(anchor.seq).toBeGreaterThan(3);

    // li.na is locked by three failed sign-ins (counted on the server, committed before each verdict).
    for (let i = 0; i < 3; i += 1)
      await expect(login(floor.dataDir, AGENT.username, 'wrong-password-1', env)).rejects.toMatchObject({
        code: 'AUTH_FAILED',
      });
    await expect(login(floor.dataDir, AGENT.username, AGENT.password, env)).rejects.toMatchObject({
      code: 'LOCKED_OUT',
    });

    // More work after the anchor; everything committed and chained so far, as the primary holds it.
    await addAccount(it1, { username: 'zhao.lei', role: 'agent_phone', password: 'Initial9pass' });
    await it1.vault.settleLog();
    const logQuery = "SELECT seq, encode(hash, 'hex') AS hash FROM strongroom.audit_events ORDER BY seq";
    const before = (await primary.query<{ seq: number; hash: string }>(floor.database, logQuery)).rows;
    expect(before.length).toBeGreaterThan(anchor.seq);

    // The primary dies, with its standby synchronous to the last.
    const replication = await primary.query('postgres', 'SELECT application_name, sync_state FROM pg_stat_replication');
    expect(replication.rows).toEqual([{ application_name: 'standby1', sync_state: 'sync' }]);
    let t = Date.now();
    await primary.kill();
    timings.kill = Date.now() - t;

    // The open session fails its next call, and says why.
    t = Date.now();
    await expect(accountDetails(it1)).rejects.toMatchObject({ code: 'UNAVAILABLE', key: 'floor.unreachable' });
    timings.detected = Date.now() - t;
    // Before the promotion, no server takes writes: a sign-in is refused, saying so.
    await expect(login(floor.dataDir, ADMIN.username, ADMIN.password, env)).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      key: 'floor.noPrimary',
    });

    t = Date.now();
    await standby.promote();
    timings.promote = Date.now() - t;

    await it1.logout().catch(() => undefined); // the old server is gone: best effort
    t = Date.now();
    const it2 = await signIn(ADMIN.username, ADMIN.password);
    timings.signIn = Date.now() - t;
    expect(await portOf(it2)).toBe(standby.port);
    timings.killToSignedIn = timings.kill + timings.detected + timings.promote + timings.signIn;

    // Every event the primary had chained is there, unchanged; the log verifies against the anchor.
    const after = (await standby.query<{ seq: number; hash: string }>(floor.database, logQuery)).rows;
    expect(after.slice(0, before.length)).toEqual(before);
    t = Date.now();
    const report = await verifyAudit(it2, { anchor });
    timings.verify = Date.now() - t;
    expect(report).toMatchObject({ intact: true, anchor: 'matches', firstBrokenSeq: null });
    expect(report.headSeq).toBeGreaterThan(before.length);

    // The failed sign-ins the old primary witnessed reached the log with the new sign-in.
    const witnessed = await standby.query<{ action: string }>(
      floor.database,
      "SELECT action FROM strongroom.audit_events WHERE actor = $1 AND action LIKE 'preauth.%' ORDER BY seq",
      [it2.vault.db.fields.name(AGENT.username)],
    );
    expect(witnessed.rows.map((r) => r.action)).toEqual([
      'preauth.loginFailed',
      'preauth.loginFailed',
      'preauth.loginFailed',
      'preauth.lockout',
      'preauth.loginRefused',
    ]);

    // The lockout is intact: refused on the new primary, and IT sees it.
    await expect(login(floor.dataDir, AGENT.username, AGENT.password, env)).rejects.toMatchObject({
      code: 'LOCKED_OUT',
    });
    expect((await accountDetails(it2)).find((a) => a.username === AGENT.username)?.state).toBe('locked');
    // Accounts added after the anchor are there too.
    expect((await accountDetails(it2)).map((a) => a.username)).toEqual(
      expect.arrayContaining(['li.na', 'wang.wei', 'zhao.lei']),
    );

    // Alone, the new primary has no standby to confirm an anchor: refused, until one is attached.
    const anchorCheck = () => it2.vault.db.transaction((tx) => requireSyncStandby(tx, it2.vault));
    await expect(anchorCheck()).rejects.toMatchObject({ code: 'UNAVAILABLE', key: 'floor.noSyncStandby' });
    expect(await it2.vault.db.transaction((tx) => commitConfirmed(tx, false))).toBe('single');
    t = Date.now();
    rebuilt = await startStandby(standby, { name: 'ha-rebuilt', synchronous: true });
    timings.rebuildStandby = Date.now() - t;
    await expect(anchorCheck()).resolves.toBeUndefined();
    const next = await exportAnchor(it2);
    expect(next.seq).toBeGreaterThan(anchor.seq);
    expect(await verifyAudit(it2, { anchor: next })).toMatchObject({ intact: true, anchor: 'matches' });

    if (process.env.STRONGROOM_DRILL_TIMINGS) console.info('failover drill timings (ms):', JSON.stringify(timings));
  });
});
