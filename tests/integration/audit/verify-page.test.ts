/**
 * verify reads the log a page at a time as bytes (no JS object per row): each entry must be the
 * stored hash and canonicalEvent's exact JSON, whatever the text holds, or verify falls back to
 * row-by-row checks and loses its speed. On a floor the page is a binary COPY, parsed here.
 */
import { describe, expect, it } from 'vitest';
import type { EventColumns } from '../../../electron/core/audit/audit-log';
import { binaryTuples, verifyPage } from '../../../electron/core/audit/verify-page';
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
    for (let i = 0; page !== null && i < page.count; i += 1) {
      const [h0, h1, j0, j1] = page.spans.subarray(i * 4, i * 4 + 4);
      entries.push({ hash: page.bytes.subarray(h0, h1), json: page.bytes.subarray(j0, j1).toString('utf8') });
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

describe('a binary COPY page', () => {
  const signature = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
  const int16 = (n: number) => Buffer.from([(n >> 8) & 0xff, n & 0xff]);
  const int32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeInt32BE(n);
    return b;
  };
  const field = (value: Buffer | null) => (value === null ? int32(-1) : Buffer.concat([int32(value.length), value]));
  const copy = (...rows: (Buffer | null)[][]) =>
    Buffer.concat([
      signature,
      int32(0),
      int32(0),
      ...rows.flatMap((row) => [int16(row.length), ...row.map(field)]),
      int16(-1),
    ]);

  it('spans each hash and text as sent, a NULL as an empty span', () => {
    const hash = Buffer.alloc(32, 7);
    const page = binaryTuples(copy([hash, Buffer.from('[1,"中"]')], [null, Buffer.from('[2]')]));
    expect(page.count).toBe(2);
    const span = (i: number) => page.bytes.subarray(page.spans[i], page.spans[i + 1]);
    expect([span(0), span(2).toString('utf8'), span(4).length, span(6).toString()]).toEqual([
      hash,
      '[1,"中"]',
      0,
      '[2]',
    ]);
  });

  it('refuses data that is not a whole binary COPY of two columns', () => {
    const whole = copy([Buffer.alloc(32), Buffer.from('[1]')]);
    for (const bad of [
      Buffer.from('not a copy'),
      whole.subarray(0, whole.length - 2), // no trailer
      whole.subarray(0, whole.length - 6), // a field cut short
      copy([Buffer.alloc(32)]), // one column
    ])
      expect(() => binaryTuples(bad)).toThrow('malformed COPY data');
  });
});
