/**
 * After wipe() (the vault closing) the access log's keys refuse every use: work still in flight
 * must fail and roll back, never MAC under zeroed keys.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acceptAny, AuditLog, type NewEvent } from '../../../electron/core/audit/audit-log';
import { Db } from '../../../electron/core/store/db';
import { migrate } from '../../../electron/core/store/migrate';
import { sql } from '../../../electron/core/store/sql';
import { tempDir } from '../../fixtures/vault';

const VAULT_ID = '6f1c2a9e-3b7d-4e0f-9a85-2c4d6e8f0a1b';
const EVENT: NewEvent = { at: 1, actor: 'it.chen', actorId: 1, seat: null, action: 'login.ok', outcome: 'ok' };

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

describe('AuditLog.wipe', () => {
  it('zeroes the keys and then refuses to append or MAC, so nothing is written', async () => {
    const { dir, cleanup } = await tempDir();
    const db = await Db.open(path.join(dir, 'audit.db'), randomBytes(32), true);
    cleanups.push(async () => {
      await db.close();
      await cleanup();
    });
    await migrate(db);
    const key = randomBytes(32);
    const log = new AuditLog(key, VAULT_ID, acceptAny);
    await db.transaction((tx) => log.append(tx, EVENT));

    log.wipe();
    expect(key.equals(Buffer.alloc(32))).toBe(true);
    await expect(db.transaction((tx) => log.append(tx, EVENT))).rejects.toMatchObject({ code: 'NO_SESSION' });
    expect(() => log.hashAt(2, Buffer.alloc(32), { ...EVENT, seq: 2, actorId: 1, object: null, detail: '{}' })).toThrow(
      expect.objectContaining({ code: 'NO_SESSION' }),
    );
    await expect(log.verify(db)).rejects.toMatchObject({ code: 'NO_SESSION' });
    const rows = await db.get<{ n: number }>(sql`SELECT count(*) AS n FROM audit_events`);
    expect(rows?.n).toBe(1);
  });
});
