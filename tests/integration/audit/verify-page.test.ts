/**
 * verify reads the log a page at a time as bytes the store builds (no JS object per row): each
 * entry must be the stored hash and canonicalEvent's exact JSON, whatever the text holds, or
 * verify falls back to row-by-row checks and loses its speed.
 */
import { describe, expect, it } from 'vitest';
import { hashWidth, verifyPage, type EventColumns } from '../../../electron/core/audit/audit-log';
import { canonicalEvent } from '../../../electron/core/audit/chain';
import { login } from '../../../electron/core/session/unlock';
import { sql } from '../../../electron/core/store/sql';
import { ADMIN, vaultsPerTest } from '../../fixtures/vault';

const { vault } = vaultsPerTest();

const TRICKY = [
  '"quoted" and \\ backslash',
  'tab\there, newline\nthere, return\r, backspace\b, form feed\f',
  'controls \u0001 \u001f and delete \u007f',
  '中文的理由：客服 😀 𠀀',
  'separators \u2028 \u2029 and a /slash/ and </script>',
];

interface Row extends EventColumns {
  seq: number;
  hash: Buffer;
}

describe('the verify page', () => {
  it("holds each event's stored hash and canonical JSON byte for byte, for any text", async () => {
    const { dataDir, env } = await vault();
    const session = await login(dataDir, ADMIN.username, ADMIN.password, env);
    for (const reason of TRICKY)
      await session.audited(() =>
        Promise.resolve({ value: null, event: session.event('account.reset', 'ok', ADMIN.username, { reason }) }),
      );
    await session.vault.settleLog();
    const rows = await session.vault.db.all<Row>(sql`SELECT * FROM audit_events ORDER BY seq`);
    // The text reached the log (on a floor sealed: the page's bytes are then the sealed form's).
    const logged = await session.vault.audit.page(session.vault.db, 0);
    expect(logged.map((e) => e.detail['reason'])).toEqual(expect.arrayContaining([TRICKY[3]]));

    const page = await verifyPage(session.vault.db, 1, rows.length + 1);
    const entries: { hash: Buffer; json: string }[] = [];
    const width = hashWidth(session.vault.db);
    for (let pos = 0; page !== null && pos < page.length;) {
      const stop = page.indexOf(0x0a, pos + width);
      const end = stop < 0 ? page.length : stop;
      const stored = page.subarray(pos, pos + width);
      const hash = width === 32 ? stored : Buffer.from(stored.toString('latin1'), 'hex');
      entries.push({ hash, json: page.subarray(pos + width, end).toString('utf8') });
      pos = end + 1;
    }
    expect(entries.map((e) => e.json)).toEqual(
      rows.map((r) =>
        canonicalEvent({
          seq: r.seq,
          at: r.at,
          actor: r.actor,
          actorId: r.actor_id,
          seat: r.seat,
          action: r.action,
          object: r.object,
          outcome: r.outcome,
          detail: r.detail,
        }),
      ),
    );
    expect(entries.map((e) => e.hash.toString('hex'))).toEqual(rows.map((r) => r.hash.toString('hex')));
    await session.logout();
  });
});
