/**
 * The floor's access log, written now and chained later (docs/floor-audit.md): a transaction that
 * commits after a later one is still chained, a row written without the audit key is chained as
 * a refusal rather than trusted, the pending rows can't be changed, a seat killed while
 * chaining loses nothing, a seat signing out lets its round finish before wiping its keys, and a
 * seat whose keys are older than the floor's leaves the chaining.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { NewEvent } from '../../../electron/core/audit/audit-log';
import { CHAIN_LOCK, chainRound } from '../../../electron/core/audit/audit-pending';
import type { Queryable, Store, TransactionOptions } from '../../../electron/core/store/store';
import type { FloorVault } from '../../../electron/core/vault/floor-vault';
import { login } from '../../../electron/core/session/unlock';
import type { Session } from '../../../electron/core/session/session';
import { PgStore } from '../../../electron/core/store/pg-store';
import { sql, type Sql } from '../../../electron/core/store/sql';
import { ADMIN, testEnv } from '../../fixtures/env';
import { freshFloor, type TestFloor } from '../../fixtures/floor-vault';
import { startCluster, type PgCluster } from '../../fixtures/pg-cluster';

const SLOW = { timeout: 120_000 };

function searched(session: Session, matched: number): NewEvent {
  return session.event('audit.searched', 'ok', null, { view: 'log', matched });
}

/** `store` whose transactions stop at their read of floor_info (a round's, after its rows) until `released`. */
function pausedAtFloorInfo(store: Store, reached: () => void, released: Promise<void>): Store {
  const paused = (tx: Queryable): Queryable =>
    new Proxy(tx, {
      get(target, name, receiver) {
        const value = Reflect.get(target, name, receiver) as unknown;
        if (name !== 'get' || typeof value !== 'function') return value;
        return async (q: Sql) => {
          if (q.text.includes('FROM floor_info')) {
            reached();
            await released;
          }
          return (value as (q: Sql) => Promise<unknown>).call(target, q);
        };
      },
    });
  return new Proxy(store, {
    get(target, name, receiver) {
      if (name !== 'transaction') return Reflect.get(target, name, receiver) as unknown;
      return <T>(work: (tx: Queryable) => Promise<T>, options?: TransactionOptions) =>
        target.transaction((tx) => work(paused(tx)), options);
    },
  });
}

/** Sessions waiting for an advisory lock (a chaining round queued behind the holder). */
async function waitingForLock(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ n: string }>(
    "SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted",
  );
  return Number(rows[0]!.n);
}

/** Polls `done` every 50 ms, for at most 30 s. */
async function until(done: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 600 && !(await done()); i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
}

async function chained(session: Session): Promise<{ action: string; detail: Record<string, unknown> }[]> {
  await session.vault.settleLog();
  return (await session.vault.audit.list(session.vault.db, { limit: 100 })).events.reverse();
}

describe('the floor access log', SLOW, () => {
  let cluster: PgCluster;
  let floor: TestFloor;
  let it1: Session;
  let it2: Session;

  beforeAll(async () => {
    cluster = await startCluster({ tls: true, name: 'floor-audit' });
    const env = testEnv();
    floor = await freshFloor(cluster, env);
    it1 = await login(floor.dataDir, ADMIN.username, ADMIN.password, env);
    it2 = await login(floor.dataDir, ADMIN.username, ADMIN.password, env);
  }, SLOW.timeout);
  afterAll(async () => {
    await it1?.logout();
    await it2?.logout();
    await floor?.cleanup();
    await cluster?.destroy();
  }, SLOW.timeout);

  it('chains a transaction that commits after a later one, and the chain verifies', async () => {
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    // First to write, last to commit.
    const slow = it1.vault.db.transaction(async (tx) => {
      await it1.vault.audit.append(tx, searched(it1, 101));
      await held;
    });
    await it2.vault.db.transaction((tx) => it2.vault.audit.append(tx, searched(it2, 202)));
    await it2.vault.settleLog();
    release();
    await slow;
    const matched = (await chained(it2)).filter((e) => e.action === 'audit.searched').map((e) => e.detail.matched);
    expect(matched.slice(-2)).toEqual([202, 101]);
    const report = await it2.vault.audit.verify(it2.vault.db);
    expect(report).toMatchObject({ intact: true, firstBrokenSeq: null });
  });

  it('chains a row written without the audit key as a refusal, not as the event it claims', async () => {
    // The forger copies a sealed actor from the log: the name is right, the MAC can't be. The
    // second row names an epoch no seat has a key for: refused too, not left to stall the chain.
    for (const [epoch, nonce] of [
      [1, 'ab'],
      [99, 'cd'],
    ] as const)
      await cluster.query(
        floor.database,
        `INSERT INTO strongroom.audit_pending (xid, epoch, nonce, at, actor, seat, action, outcome, detail, mac)
         SELECT '0', ${epoch}, '\\x${nonce.repeat(16)}', 1, actor, NULL, 'account.closed', 'ok', '{}', '\\x${'00'.repeat(32)}'
           FROM strongroom.audit_events WHERE actor IS NOT NULL LIMIT 1`,
      );
    const events = await chained(it1);
    expect(events.slice(-2).map((e) => e.action)).toEqual(['audit.pendingRefused', 'audit.pendingRefused']);
    expect(events.some((e) => e.action === 'account.closed')).toBe(false);
    expect(await it1.vault.audit.verify(it1.vault.db)).toMatchObject({ intact: true });
  });

  it('refuses to change or remove a pending row, even for the superuser', async () => {
    for (const statement of [
      `UPDATE strongroom.audit_pending SET detail = '{"x":1}'`,
      `DELETE FROM strongroom.audit_pending`,
      `TRUNCATE strongroom.audit_pending CASCADE`,
    ])
      await expect(cluster.query(floor.database, statement), statement).rejects.toMatchObject({ code: 'SR001' });
    const left = await it1.vault.db.get<{ n: number }>(sql`SELECT count(*) AS n FROM audit_pending`);
    expect(left?.n).toBeGreaterThan(0);
  });

  it('loses nothing when a seat is killed in the middle of its chaining round: the next round chains it all', async () => {
    const vault = it1.vault as FloorVault;
    const quiet = vault.db.withoutHook();
    // The superuser holds the chain lock meanwhile, so no seat's sweep chains these rows first.
    const holder = new pg.Client(cluster.connection(floor.database));
    await holder.connect();
    // Released whatever happens: a round left waiting would hold the chain lock for good.
    let release = (): void => undefined;
    const dies = new Promise<void>((resolve) => (release = resolve));
    try {
      await holder.query(`BEGIN; SELECT pg_advisory_xact_lock(hashtextextended('${CHAIN_LOCK}', 0))`);
      for (const n of [301, 302, 303]) await quiet.transaction((tx) => vault.audit.append(tx, searched(it1, n)));

      // A round that has chained them but not committed when its seat dies.
      let pid = 0;
      let chainedBeforeDying = 0;
      let inRound = (): void => undefined;
      const reached = new Promise<void>((resolve) => (inRound = resolve));
      const dying = {
        transaction: <T>(work: (tx: Queryable) => Promise<T>, options?: TransactionOptions) =>
          quiet.transaction(async (tx) => {
            const result = await work(tx);
            chainedBeforeDying = result as number;
            pid = (await tx.get<{ pid: number }>(sql`SELECT pg_backend_pid() AS pid`))!.pid;
            inRound();
            await dies;
            return result;
          }, options),
      } as unknown as Store;
      const round = chainRound(dying, vault.audit, true);
      round.catch(() => undefined);
      // It must be queued for the lock before the holder lets go, or a seat's sweep (a try for
      // the lock, once a second) could take it in between and chain the rows itself.
      await until(async () => (await waitingForLock(holder)) === 1);
      await holder.query('COMMIT');
      await reached;
      expect(chainedBeforeDying).toBe(3);
      await cluster.query('postgres', 'SELECT pg_terminate_backend($1)', [pid]);
      release();
      await expect(round).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    } finally {
      release();
      await holder.end();
    }

    const matched = (await chained(it2)).filter((e) => e.action === 'audit.searched').map((e) => e.detail.matched);
    expect(matched.filter((m) => Number(m) > 300)).toEqual([301, 302, 303]);
    expect(await it2.vault.audit.verify(it2.vault.db)).toMatchObject({ intact: true, firstBrokenSeq: null });
  });

  it("leaves the chaining to a seat that is current while the floor's key epoch is newer than its own", async () => {
    const vault = it1.vault as FloorVault;
    const quiet = vault.db.withoutHook();
    const unchained = async () => {
      const { rows } = await cluster.query<{ n: string }>(
        floor.database,
        `SELECT count(*) AS n FROM strongroom.audit_pending p
          WHERE NOT EXISTS (SELECT 1 FROM strongroom.audit_log l WHERE l.pending_id = p.id)`,
      );
      return Number(rows[0]!.n);
    };
    await it1.vault.settleLog();
    await quiet.transaction((tx) => vault.audit.append(tx, searched(it1, 401)));
    // As a rotation on another seat leaves it: this seat's session is refused outright (schema
    // 10), so no round of its chains a row under the old key; the row and the watermark wait.
    await cluster.query(floor.database, 'UPDATE strongroom.floor_info SET epoch = 2');
    try {
      await expect(chainRound(quiet, vault.audit, true)).rejects.toMatchObject({ key: 'session.keyRotated' });
      // Past the session check (here the superuser's connection), the round itself still
      // chains nothing with keys older than the floor's.
      const superuser = await PgStore.connect(cluster.connection(floor.database));
      try {
        expect(await chainRound(superuser, vault.audit, true)).toBe(0);
      } finally {
        await superuser.close();
      }
      expect(await unchained()).toBe(1);
    } finally {
      await cluster.query(floor.database, 'UPDATE strongroom.floor_info SET epoch = 1');
    }
    // This round or a seat's sweep (every second) chains it now.
    await chainRound(quiet, vault.audit, true);
    expect(await unchained()).toBe(0);
    const matched = (await chained(it2)).filter((e) => e.action === 'audit.searched').map((e) => e.detail.matched);
    expect(matched.slice(-1)).toEqual([401]);
    expect(await it2.vault.audit.verify(it2.vault.db)).toMatchObject({ intact: true, firstBrokenSeq: null });
  });
  it('lets a chaining round in flight finish when its seat signs out, before the audit keys are wiped', async () => {
    const leaving = await login(floor.dataDir, ADMIN.username, ADMIN.password, testEnv());
    const vault = leaving.vault as FloorVault;
    const refusedSoFar = (await chained(it2)).filter((e) => e.action === 'audit.pendingRefused').length;
    // The seat's own rounds pause once they have read their rows, before they MAC anything.
    let inRound = (): void => undefined;
    const reached = new Promise<void>((resolve) => (inRound = resolve));
    let release = (): void => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const chainPending = vault.audit.chainPending.bind(vault.audit);
    vi.spyOn(vault.audit, 'chainPending').mockImplementation((store, wait) =>
      chainPending(pausedAtFloorInfo(store, inRound, released), wait),
    );
    // The row is this seat's round's to chain: the superuser holds the lock until that round is
    // queued for it, so no other seat's sweep takes the row first.
    const holder = new pg.Client(cluster.connection(floor.database));
    await holder.connect();
    let round: Promise<void>;
    let out: Promise<void>;
    try {
      await holder.query(`BEGIN; SELECT pg_advisory_xact_lock(hashtextextended('${CHAIN_LOCK}', 0))`);
      await vault.db.withoutHook().transaction((tx) => vault.audit.append(tx, searched(leaving, 501)));
      round = vault.settleLog();
      round.catch(() => undefined);
      await until(async () => (await waitingForLock(holder)) === 1);
      await holder.query('COMMIT');
      await reached;
      out = leaving.logout();
      out.catch(() => undefined);
      // Sign-out logs its event, then closes the vault: time for the close to reach the keys.
      await new Promise((resolve) => setTimeout(resolve, 300));
    } finally {
      release();
      await holder.end();
    }
    await round;
    await out;

    const events = await chained(it2);
    expect(events.filter((e) => e.action === 'audit.pendingRefused')).toHaveLength(refusedSoFar);
    expect(events.filter((e) => e.action === 'audit.searched').map((e) => e.detail.matched)).toContain(501);
    expect(await it2.vault.audit.verify(it2.vault.db)).toMatchObject({ intact: true, firstBrokenSeq: null });
  });
});
