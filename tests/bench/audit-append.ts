/**
 * audit-append: events/s through AuditLog.append (canonical JSON, HMAC chain, multi-row INSERT
 * into SQLCipher), 1,000 events per transaction, against raw HMAC-SHA256 over the same bytes.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { NewEvent } from '../../electron/core/audit/audit-log';
import { canonicalEvent, canonicalJson } from '../../electron/core/audit/chain';
import { sql } from '../../electron/core/store/sql';
import { freshVault, note, sampleEvent, sig, timed, withTempDir, type Bench } from './common';

const EVENTS = 100_000;
const PER_TX = 1_000;

/** The bytes chainHash MACs for an event stored at `seq` (after its 32-byte predecessor). */
export function canonicalBytes(e: NewEvent, seq: number): Buffer {
  return Buffer.from(
    canonicalEvent({
      seq,
      at: e.at,
      actor: e.actor,
      actorId: e.actorId,
      seat: e.seat,
      action: e.action,
      object: e.object ?? null,
      outcome: e.outcome,
      detail: canonicalJson(e.detail ?? {}),
    }),
    'utf8',
  );
}

/** The floor: one createHmac per event over prev ‖ bytes, as chainHash does, minus everything else. */
export function rawChain(key: Buffer, start: Buffer, messages: readonly Buffer[]): Buffer {
  let prev = start;
  for (const m of messages) prev = createHmac('sha256', key).update(prev).update(m).digest();
  return prev;
}

export const auditAppendBench: Bench = {
  name: 'audit-append',
  run: () =>
    withTempDir(async (dir) => {
      const { session } = await freshVault(dir);
      const { db, audit, seatId } = session.vault;
      const at0 = session.vault.now();
      const events = Array.from({ length: EVENTS }, (_, i) => sampleEvent(i, seatId, at0));
      const head = (await db.get<{ n: number }>(sql`SELECT max(seq) AS n FROM audit_events`))?.n ?? 0;

      const { seconds } = await timed(async () => {
        for (let i = 0; i < EVENTS; i += PER_TX) {
          const batch = events.slice(i, i + PER_TX);
          await db.transaction((tx) => audit.append(tx, ...batch));
        }
      });

      const bytes = events.map((e, i) => canonicalBytes(e, head + 1 + i));
      const base = await timed(() => rawChain(randomBytes(32), randomBytes(32), bytes));
      await session.logout();

      const value = EVENTS / seconds;
      const baseline = EVENTS / base.seconds;
      note(`append ${seconds.toFixed(3)} s, raw HMAC chain ${base.seconds.toFixed(3)} s`);
      return {
        name: 'audit-append',
        value: sig(value),
        unit: 'events/s',
        baseline: 'node:crypto createHmac(sha256) chain over the same canonical bytes',
        baseline_value: sig(baseline),
        ratio: sig(value / baseline, 3),
        n: EVENTS,
        per_transaction: PER_TX,
        seconds: sig(seconds),
      };
    }),
};
