/**
 * AuditLog.verify reads pages as one blob (stored hash ‖ SQLite's json_array) and falls back to
 * the row for anything the blob doesn't vouch for. These pin that both paths agree.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Anchor } from '../../../shared/contract';
import { acceptAny, AuditLog, type NewEvent } from '../../../electron/core/audit/audit-log';
import { Db } from '../../../electron/core/store/db';
import type { Queryable } from '../../../electron/core/store/store';
import { migrate } from '../../../electron/core/store/migrate';
import { sql, type Sql } from '../../../electron/core/store/sql';
import { tempDir } from '../../fixtures/vault';

const VAULT_ID = '6f1c2a9e-3b7d-4e0f-9a85-2c4d6e8f0a1b';
const AWKWARD = [
  'a\u0000b',
  '\u2028\u2029',
  '😀 ü €',
  'q"b\\s/',
  '\u0001\u001f\u007f',
  'tab\tnl\nret\r',
  '',
  ' ',
  '\u00a0\ufeff\uffff',
];

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

function awkwardEvent(i: number): NewEvent {
  const w = (k: number) => AWKWARD[(i + k) % AWKWARD.length]!;
  return {
    at: i % 7 === 0 ? Number.MAX_SAFE_INTEGER - i : i % 11 === 0 ? -i : 1_763_863_200_000 + i,
    actor: i % 5 === 0 ? null : w(0),
    actorId: i % 4 === 0 ? null : i,
    seat: i % 6 === 0 ? null : w(2),
    action: `case.${w(4)}`,
    object: i % 3 === 0 ? null : `case:${w(5)}`,
    outcome: i % 13 === 0 ? 'denied' : 'ok',
    detail: { w: w(1), n: i, nested: { z: [w(3)], a: 1 } },
  };
}

async function logWith(count: number, event: (i: number) => NewEvent = awkwardEvent) {
  const { dir, cleanup } = await tempDir();
  const db = await Db.open(path.join(dir, 'audit.db'), randomBytes(32), true);
  cleanups.push(async () => {
    await db.close();
    await cleanup();
  });
  await migrate(db);
  const key = randomBytes(32);
  const log = new AuditLog(key, VAULT_ID, acceptAny);
  for (let i = 1; i <= count; i += 10_000) {
    const batch = Array.from({ length: Math.min(10_000, count - i + 1) }, (_, k) => event(i + k));
    await db.transaction((tx) => log.append(tx, ...batch));
  }
  return { db, log, key };
}

/** The database, counting the per-row reads verify falls back to. */
function counting(db: Db): { q: Queryable; rowReads: () => number } {
  let reads = 0;
  const q: Queryable = {
    dialect: db.dialect,
    fields: db.fields,
    run: (s: Sql) => db.run(s),
    all: <T>(s: Sql) => db.all<T>(s),
    exec: (t: string) => db.exec(t),
    get: <T>(s: Sql) => {
      if (s.text.startsWith('SELECT * FROM audit_events')) reads += 1;
      return db.get<T>(s);
    },
  };
  return { q, rowReads: () => reads };
}

async function anchorAt(db: Db, seq: number): Promise<Anchor> {
  const row = await db.get<{ hash: Buffer }>(sql`SELECT hash FROM audit_events WHERE seq = ${seq}`);
  return { format: 'strongroom-anchor', version: 1, vaultId: VAULT_ID, seq, hash: row!.hash.toString('hex'), at: 0 };
}

describe('AuditLog.verify', () => {
  it('verifies awkward text (control characters, U+2028, NUL, astral, quotes) without falling back', async () => {
    const { db, log } = await logWith(500);
    const { q, rowReads } = counting(db);
    const report = await log.verify(q, { anchor: await anchorAt(db, 123) });
    expect(report).toMatchObject({ intact: true, checked: 500, headSeq: 500, firstBrokenSeq: null, anchor: 'matches' });
    expect(report.headHash).toBe((await log.anchor(db, 0)).hash);
    expect(rowReads()).toBe(0);
  });

  it('keeps an event with a lone surrogate in its text verifiable', async () => {
    const { db, log } = await logWith(3, (i) => ({ ...awkwardEvent(i), actor: 'a\ud800b', object: '\udfff' }));
    expect(await log.verify(db)).toMatchObject({ intact: true, checked: 3 });
  });

  it.each([
    ['an edited field', "UPDATE audit_events SET actor = 'mallory' WHERE seq = 40", 40, 39],
    [
      'text SQLite holds as invalid UTF-8',
      "UPDATE audit_events SET actor = CAST(x'61ff0a62' AS TEXT) WHERE seq = 40",
      40,
      39,
    ],
    ['a short hash', "UPDATE audit_events SET hash = x'0a0a' WHERE seq = 40", 40, 39],
    ['a long hash', "UPDATE audit_events SET hash = CAST(hash || x'00' AS BLOB) WHERE seq = 40", 40, 39],
    ['a deleted event', 'DELETE FROM audit_events WHERE seq = 40', 40, 39],
    [
      'swapped sequence numbers',
      'UPDATE audit_events SET seq = -1 WHERE seq = 40; UPDATE audit_events SET seq = 40 WHERE seq = 41; UPDATE audit_events SET seq = 41 WHERE seq = -1;',
      40,
      39,
    ],
  ])('reports %s at its sequence number', async (_name, tamper, broken, checked) => {
    const { db, log } = await logWith(100);
    await db.exec(tamper);
    expect(await log.verify(db)).toMatchObject({ intact: false, firstBrokenSeq: broken, checked, headHash: '' });
  });

  it('ignores rows outside the chain (seq 0 and below), as it always has', async () => {
    const { db, log } = await logWith(20);
    await db.run(
      sql`INSERT INTO audit_events (seq, at, action, outcome, detail, hash) VALUES (0, 1, 'x', 'ok', '{}', zeroblob(32))`,
    );
    expect(await log.verify(db)).toMatchObject({ intact: true, checked: 20 });
  });

  it('finds breaks and anchors across page boundaries (pages of 20,000)', async () => {
    const { db, log } = await logWith(45_000, (i) => ({
      at: i,
      actor: 'agent',
      actorId: 2,
      seat: 'S',
      action: 'case.view',
      outcome: 'ok',
    }));
    const anchor = await anchorAt(db, 20_001);
    expect(await log.verify(db, { anchor })).toMatchObject({ intact: true, checked: 45_000, anchor: 'matches' });
    await db.run(sql`DELETE FROM audit_events WHERE seq BETWEEN 19999 AND 20002`);
    expect(await log.verify(db, { anchor })).toMatchObject({
      intact: false,
      firstBrokenSeq: 19_999,
      checked: 19_998,
      anchor: 'mismatch',
    });
  });
});

// After wipe() (the vault closing) work still in flight must fail and roll back, never MAC
// under zeroed keys.
describe('AuditLog.wipe', () => {
  it('zeroes the keys and then refuses to append or MAC, so nothing is written', async () => {
    const { db, log, key } = await logWith(1);
    log.wipe();
    expect(key.equals(Buffer.alloc(32))).toBe(true);
    await expect(db.transaction((tx) => log.append(tx, awkwardEvent(2)))).rejects.toMatchObject({ code: 'NO_SESSION' });
    expect(() =>
      log.hashAt(2, Buffer.alloc(32), {
        seq: 2,
        at: 1,
        actor: null,
        actorId: null,
        seat: null,
        action: 'x',
        object: null,
        outcome: 'ok',
        detail: '{}',
      }),
    ).toThrow(expect.objectContaining({ code: 'NO_SESSION' }));
    await expect(log.verify(db)).rejects.toMatchObject({ code: 'NO_SESSION' });
    const rows = await db.get<{ n: number }>(sql`SELECT count(*) AS n FROM audit_events`);
    expect(rows?.n).toBe(1);
  });
});
