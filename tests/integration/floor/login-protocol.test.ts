/**
 * Sign-in on the floor's server (docs/floor-schema.md, "Sign-in"): a failure is committed before
 * any verdict, a ticket is tried once, lockout survives rollbacks and a restart, unknown names
 * get decoys, and closing an account's sessions ends its backends.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { SIGN_IN_BURST } from '../../../electron/core/floor/migrations/0006-sign-in-throttle.pg';
import { startCluster, type ClientCertificate, type PgCluster } from '../../fixtures/pg-cluster';
import {
  begin,
  createDba,
  failuresOf,
  finish,
  lookupOf,
  newFloor,
  proof,
  SEAT_A,
  SEAT_B,
  signIn,
  slotJson,
  stateOf,
  type Floor,
} from './floor-fixture';

const SLOW = { timeout: 120_000 };
const WRONG = Buffer.alloc(32, 7);

describe('signing in on the floor', SLOW, () => {
  let cluster: PgCluster;
  const certificates = new Map<string, ClientCertificate>();
  const floors: Floor[] = [];

  beforeAll(async () => {
    cluster = await startCluster({ tls: true, name: 'floor-login' });
    await createDba(cluster);
  }, SLOW.timeout);
  afterAll(async () => {
    for (const f of floors) await f.close();
    await cluster?.destroy();
  }, SLOW.timeout);

  /** A fresh floor per test: its own database, accounts and counters. */
  async function floorWithSeat(): Promise<{ floor: Floor; seat: pg.Client }> {
    const floor = await newFloor(cluster, certificates);
    floors.push(floor);
    return { floor, seat: await floor.seat(SEAT_A) };
  }

  it('keeps a committed failure when the transaction trying the proof rolls back', async () => {
    const { floor, seat } = await floorWithSeat();
    const t = await begin(seat, floor.agent.lookup);
    expect(t).toMatchObject({ failures: 1, locks_until: null });
    expect(await failuresOf(floor, floor.agent.lookup)).toEqual({ failures: 1, locked_until: null });
    await seat.query('BEGIN');
    expect(await finish(seat, t.ticket, WRONG)).toBeNull();
    await seat.query('ROLLBACK');
    expect(await failuresOf(floor, floor.agent.lookup)).toEqual({ failures: 1, locked_until: null });
  });

  it('gives no verdict in the transaction that counted the failure: BEGIN … ROLLBACK, a savepoint, a DO block', async () => {
    const { floor, seat } = await floorWithSeat();
    const { lookup, authKey } = floor.agent;

    // Both calls in one transaction, even with the right proof: refused, and nothing learnt.
    await seat.query('BEGIN');
    let t = await begin(seat, lookup);
    expect(await stateOf(finish(seat, t.ticket, proof(authKey, t.challenge)))).toBe('SR001');
    await seat.query('ROLLBACK');

    // auth_begin in a savepoint that is released, then rolled back: the same transaction either way.
    await seat.query('BEGIN');
    await seat.query('SAVEPOINT s');
    t = await begin(seat, lookup);
    await seat.query('RELEASE SAVEPOINT s');
    expect(await stateOf(finish(seat, t.ticket, proof(authKey, t.challenge)))).toBe('SR001');
    await seat.query('ROLLBACK');
    await seat.query('BEGIN');
    await seat.query('SAVEPOINT s');
    t = await begin(seat, lookup);
    await seat.query('ROLLBACK TO SAVEPOINT s');
    expect(await finish(seat, t.ticket, proof(authKey, t.challenge))).toBeNull(); // the ticket went with it
    await seat.query('COMMIT');

    // A DO block is one transaction too, and catching the refusal learns nothing either.
    const rightProof = `hmac(t.challenge, '\\x${authKey.toString('hex')}'::bytea, 'sha256')`;
    const both = (handler: string) => `
      DO $$ DECLARE t record; BEGIN
        SELECT * INTO t FROM auth_begin('${lookup}');
        PERFORM auth_finish(t.ticket, ${rightProof});
      ${handler} END $$`;
    expect(await stateOf(seat.query(both('')))).toBe('SR001');
    expect(await stateOf(seat.query(both('EXCEPTION WHEN OTHERS THEN NULL;')))).toBe('no error');
    expect(await failuresOf(floor, lookup)).toBeNull(); // rolled back with the block: no ticket was ever finished

    // The only way to a verdict is to commit the failure first; then no rollback takes it back.
    await seat.query(`DO $$ BEGIN PERFORM auth_begin('${lookup}'); END $$`);
    expect(await failuresOf(floor, lookup)).toEqual({ failures: 1, locked_until: null });
  });

  it('tries a ticket once: after a rolled-back wrong proof the right one gets nothing', async () => {
    const { floor, seat } = await floorWithSeat();
    const { lookup, authKey } = floor.agent;
    const t = await begin(seat, lookup);
    await seat.query('BEGIN');
    expect(await finish(seat, t.ticket, WRONG)).toBeNull();
    await seat.query('ROLLBACK');
    expect(await finish(seat, t.ticket, proof(authKey, t.challenge))).toBeNull();
    expect(await failuresOf(floor, lookup)).toEqual({ failures: 1, locked_until: null });

    // A newer ticket for the same name ends an older one (this third one locks, ahead of its proof).
    const older = await begin(seat, lookup);
    const newer = await begin(seat, lookup);
    expect(await finish(seat, older.ticket, proof(authKey, older.challenge))).toBeNull();
    expect(await finish(seat, newer.ticket, proof(authKey, newer.challenge))).toMatchObject({
      account_id: String(floor.agent.id),
    });

    // And a ticket is good only at the seat that took it.
    const other = await floor.seat(SEAT_B);
    const mine = await begin(seat, lookup);
    expect(await finish(other, mine.ticket, proof(authKey, mine.challenge))).toBeNull();
    expect(await failuresOf(floor, lookup)).toEqual({ failures: 1, locked_until: null });
  });

  it('locks after three failures (SR002 with the lock end), even across a server restart; IT unlocks', async () => {
    const { floor, seat } = await floorWithSeat();
    const { lookup, authKey } = floor.agent;
    for (let i = 0; i < 3; i += 1) expect(await finish(seat, (await begin(seat, lookup)).ticket, WRONG)).toBeNull();
    const locked = await failuresOf(floor, lookup);
    expect(locked?.failures).toBe(3);
    const error = await begin(seat, lookup).catch(
      (e: unknown) => e as { code: string; message: string; detail: string },
    );
    expect(error).toMatchObject({ code: 'SR002', message: `locked:${locked!.locked_until}` });
    const now = Number(/^now:(\d+)$/.exec((error as { detail: string }).detail)?.[1]);
    expect(Number(locked!.locked_until) - now).toBeGreaterThan(29 * 60_000);
    expect(Number(locked!.locked_until) - now).toBeLessThanOrEqual(30 * 60_000);

    await cluster.stop();
    await cluster.start();
    const again = await floor.seat(SEAT_A);
    expect(await stateOf(begin(again, lookup))).toBe('SR002');
    expect(await failuresOf(floor, lookup)).toEqual(locked);

    // Without a live session no one may unlock; IT may, and then the right password gets in.
    const itToken = await signIn(again, floor.it);
    expect(await stateOf(again.query('SELECT login_reset($1, $2)', [randomBytes(32), lookup]))).toBe('SR003');
    expect((await again.query('SELECT login_reset($1, $2) AS n', [itToken, lookup])).rows).toEqual([{ n: 3 }]);
    expect(await failuresOf(floor, lookup)).toBeNull();
    expect((await again.query('SELECT login_reset($1, $2) AS n', [itToken, lookup])).rows).toEqual([{ n: 0 }]);
    expect(await signIn(again, floor.agent)).toHaveLength(32);
    const t = await begin(again, lookup);
    expect(await finish(again, t.ticket, proof(authKey, t.challenge))).not.toBeNull();
  });

  it('locks at the third auth_begin, ahead of its proof; the right proof clears it', async () => {
    const { floor, seat } = await floorWithSeat();
    const { lookup, authKey } = floor.agent;
    for (let i = 0; i < 2; i += 1) await finish(seat, (await begin(seat, lookup)).ticket, WRONG);
    const third = await begin(seat, lookup);
    const state = await failuresOf(floor, lookup);
    expect(state?.locked_until).not.toBeNull();
    // auth_begin says what a wrong proof would leave: the count, and the lock it starts.
    expect(third).toMatchObject({ failures: 3, locks_until: state!.locked_until });
    const grant = await finish(seat, third.ticket, proof(authKey, third.challenge));
    expect(grant).toMatchObject({ account_id: String(floor.agent.id), slot: floor.agent.slot });
    expect(grant!.session_token).toHaveLength(32);
    expect(await failuresOf(floor, lookup)).toBeNull();
  });

  it('starts a fresh count once a lock has run out, and takes threshold and minutes from policy', async () => {
    const { floor, seat } = await floorWithSeat();
    const { lookup } = floor.agent;
    await floor.peek(`INSERT INTO strongroom.login_state VALUES ($1, 3, $2, $2)`, [lookup, Date.now() - 1000]);
    await begin(seat, lookup);
    expect(await failuresOf(floor, lookup)).toEqual({ failures: 1, locked_until: null });

    await floor.owner.exec(
      `INSERT INTO policy (key, value) VALUES ('lockoutThreshold', '1'), ('lockoutMinutes', '45')`,
    );
    const before = Date.now();
    await begin(seat, lookupOf('someone.else'));
    const state = await failuresOf(floor, lookupOf('someone.else'));
    expect(state?.failures).toBe(1);
    expect(Number(state!.locked_until) - before).toBeGreaterThanOrEqual(45 * 60_000 - 5_000);
    expect(Number(state!.locked_until) - before).toBeLessThanOrEqual(45 * 60_000 + 5_000);
  });

  it('answers an unknown name with decoy KDF parameters: the same shape, stable per name, never a session', async () => {
    const { floor, seat } = await floorWithSeat();
    const unknown = lookupOf('nobody');
    const real = await begin(seat, floor.agent.lookup);
    const decoy1 = await begin(seat, unknown);
    const decoy2 = await begin(seat, unknown);
    const other = await begin(seat, lookupOf('nobody.else'));
    const shape = (kdf: string) => {
      const { salt, ...rest } = JSON.parse(kdf) as Record<string, unknown>;
      return { ...rest, salt: Buffer.from(salt as string, 'base64').length };
    };
    expect(shape(decoy1.kdf)).toEqual(shape(real.kdf));
    expect(decoy1.kdf).toBe(decoy2.kdf);
    expect(other.kdf).not.toBe(decoy1.kdf);
    expect(decoy1.challenge).toHaveLength(32);
    expect(Number(decoy1.ticket)).toBeLessThan(2 ** 53);
    expect(await finish(seat, decoy2.ticket, WRONG)).toBeNull();
    // Counted and locked like a real name.
    await begin(seat, unknown);
    expect(await stateOf(begin(seat, unknown))).toBe('SR002');
  });

  it('closes an account’s sessions and ends their backends: the next statement fails', async () => {
    const { floor, seat } = await floorWithSeat();
    const agentToken = await signIn(seat, floor.agent);
    const working = await floor.seat(SEAT_A);
    await working.query('BEGIN');
    await working.query('SELECT act_as($1)', [agentToken]);
    await working.query('SELECT count(*) FROM accounts');
    const itSeat = await floor.seat(SEAT_B);
    const itToken = await signIn(itSeat, floor.it);

    // An agent may not close anyone's sessions.
    expect(await stateOf(seat.query('SELECT close_sessions($1, $2)', [agentToken, floor.it.id]))).toBe('SR001');
    expect((await itSeat.query('SELECT close_sessions($1, $2) AS n', [itToken, floor.agent.id])).rows).toEqual([
      { n: 1 },
    ]);
    expect(await stateOf(working.query('SELECT 1'))).not.toBe('no error');
    const fresh = await floor.seat(SEAT_A);
    expect(await stateOf(fresh.query('SELECT act_as($1)', [agentToken]))).toBe('SR003');
    // IT's own session carries on.
    expect((await itSeat.query('SELECT act_as($1) AS id', [itToken])).rows).toEqual([{ id: String(floor.it.id) }]);
  });

  it('lets an agent write only its own keyslot, and IT anyone’s', async () => {
    const { floor, seat } = await floorWithSeat();
    const agentToken = await signIn(seat, floor.agent);
    const newKey = randomBytes(32);
    const put = (token: Buffer, accountId: number, lookup: string, authKey: Buffer) =>
      seat.query('SELECT keyslot_put($1, $2, $3, $4, $5, 1)', [token, accountId, lookup, slotJson('x'), authKey]);

    await put(agentToken, floor.agent.id, floor.agent.lookup, newKey);
    let t = await begin(seat, floor.agent.lookup);
    expect(await finish(seat, t.ticket, proof(floor.agent.authKey, t.challenge))).toBeNull();
    t = await begin(seat, floor.agent.lookup);
    expect(await finish(seat, t.ticket, proof(newKey, t.challenge))).not.toBeNull();

    expect(await stateOf(put(agentToken, floor.it.id, floor.it.lookup, newKey))).toBe('SR001');
    expect(await stateOf(seat.query('SELECT login_reset($1, $2)', [agentToken, floor.it.lookup]))).toBe('SR001');
    expect(await stateOf(put(randomBytes(32), floor.agent.id, floor.agent.lookup, newKey))).toBe('SR003');

    const itToken = await signIn(seat, floor.it);
    await put(itToken, floor.agent.id, floor.agent.lookup, floor.agent.authKey);
    expect(await signIn(seat, floor.agent)).toHaveLength(32);
  });

  it('ends a session with end_session, and honours a token only at the seat it was opened for', async () => {
    const { floor, seat } = await floorWithSeat();
    const token = await signIn(seat, floor.agent);
    const elsewhere = await floor.seat(SEAT_B);
    expect(await stateOf(elsewhere.query('SELECT act_as($1)', [token]))).toBe('SR003');
    expect((await seat.query('SELECT act_as($1) AS id', [token])).rows).toEqual([{ id: String(floor.agent.id) }]);
    expect((await seat.query('SELECT end_session($1) AS ok', [token])).rows).toEqual([{ ok: true }]);
    expect(await stateOf(seat.query('SELECT act_as($1)', [token]))).toBe('SR003');
    expect((await seat.query('SELECT end_session($1) AS ok', [token])).rows).toEqual([{ ok: false }]);
  });

  it('takes log-only events through audit_append only in a live session opened at this seat', async () => {
    const { floor, seat } = await floorWithSeat();
    const token = await signIn(seat, floor.agent);
    const pending = async () =>
      (await floor.peek<{ n: number }>('SELECT count(*)::int AS n FROM strongroom.audit_pending'))[0]!.n;
    const row = (nonce: string) => ({
      epoch: 1,
      nonce,
      at: 1,
      actor: null,
      actor_id: null,
      seat: null,
      action: 'session.reauth',
      object: null,
      outcome: 'failed',
      detail: '{"failures":0}',
      mac: '00'.repeat(32),
    });
    const append = (c: typeof seat, t: Buffer, rows: unknown[]) =>
      c.query<{ n: number }>('SELECT audit_append($1, $2) AS n', [t, JSON.stringify(rows)]);
    const before = await pending();
    expect((await append(seat, token, [row('aa'.repeat(16)), row('bb'.repeat(16))])).rows).toEqual([{ n: 2 }]);
    expect(await pending()).toBe(before + 2);
    // Another seat's token, a made-up one, an ended session: refused, nothing written.
    const elsewhere = await floor.seat(SEAT_B);
    expect(await stateOf(append(elsewhere, token, [row('cc'.repeat(16))]))).toBe('SR003');
    expect(await stateOf(append(seat, randomBytes(32), [row('dd'.repeat(16))]))).toBe('SR003');
    await seat.query('SELECT end_session($1)', [token]);
    expect(await stateOf(append(seat, token, [row('ee'.repeat(16))]))).toBe('SR003');
    expect(await pending()).toBe(before + 2);
  });

  it('lets one seat witness a bounded number of failed or refused sign-ins a minute (20), writing nothing past them; other seats go on', async () => {
    const { floor, seat } = await floorWithSeat();
    const tickets = () => floor.peek<{ n: number }>('SELECT count(*)::int AS n FROM strongroom.auth_tickets');
    const events = () => floor.peek<{ n: number }>('SELECT count(*)::int AS n FROM strongroom.login_events');
    // Made-up names, as a script holding the seat's certificate would send them.
    for (let i = 0; i < SIGN_IN_BURST; i += 1) await begin(seat, lookupOf(`made.up.${i}`));
    const [ticketsBefore, eventsBefore] = [await tickets(), await events()];
    const refused = (await begin(seat, lookupOf('one.more')).catch((e: unknown) => e)) as Error & { code: string };
    expect(refused.code).toBe('SR004');
    expect(refused.message).toMatch(/^throttled:\d+$/);
    expect(Number(refused.message.slice('throttled:'.length))).toBeLessThanOrEqual(60_000);
    expect(await failuresOf(floor, lookupOf('one.more'))).toBeNull();
    expect([await tickets(), await events()]).toEqual([ticketsBefore, eventsBefore]);
    // The real agent's right password from this seat waits too: its first step counts a failure.
    expect(await stateOf(begin(seat, floor.agent.lookup))).toBe('SR004');

    // Another seat is not affected; it locks the agent, and this seat can't even record a refusal.
    const other = await floor.seat(SEAT_B);
    for (let i = 0; i < 3; i += 1) await begin(other, floor.agent.lookup);
    expect(await stateOf(begin(other, floor.agent.lookup))).toBe('SR002');
    expect((await other.query('SELECT auth_refused($1) AS noted', [floor.agent.lookup])).rows).toEqual([
      { noted: true },
    ]);
    expect(await stateOf(seat.query('SELECT auth_refused($1) AS noted', [floor.agent.lookup]))).toBe('SR004');
    expect(await events()).toEqual([{ n: eventsBefore[0]!.n + 5 }]);
  });
});
