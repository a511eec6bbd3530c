/**
 * Events sealed before unlock are evidence, not commands: anyone can seal one (the public key is
 * in keyring.json). Beyond their shape (checked by the journal), they are taken only when dated
 * inside the window since the last drain and naming a real account or no one; the rest are
 * counted and the count is logged (preauth.rejected).
 */
import type { NewEvent } from '../audit/audit-log';
import type { PendingEvent } from './preauth-journal';

/** How far ahead of the vault's time a pre-unlock event may be dated (clocks drift). */
const AHEAD_MS = 5 * 60_000;

export interface Evidence {
  accepted: PendingEvent[];
  rejected: { window: number; actor: number };
}

export function weighEvidence(
  pending: readonly PendingEvent[],
  window: { from: number; to: number },
  usernameOf: (accountId: number) => string | undefined,
): Evidence {
  const accepted: PendingEvent[] = [];
  const rejected = { window: 0, actor: 0 };
  for (const p of pending) {
    const e: NewEvent = p.event;
    if (e.at < window.from || e.at > window.to + AHEAD_MS) rejected.window += 1;
    else if (!(e.actor === null && e.actorId === null) && (e.actorId === null || usernameOf(e.actorId) !== e.actor))
      rejected.actor += 1;
    else accepted.push(p);
  }
  return { accepted, rejected };
}
