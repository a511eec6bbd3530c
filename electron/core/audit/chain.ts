/**
 * The access-log hash chain: hash_n = HMAC-SHA256(auditKey, hash_{n-1} ‖ canonical(event_n)).
 * Format and test vectors: docs/audit-chain.md.
 */
import { createHmac } from 'node:crypto';

export type Outcome = 'ok' | 'denied' | 'failed';

/** 日志 — one access-log event as stored (detail is its canonical JSON text). */
export interface AuditRecord {
  seq: number;
  at: number;
  actor: string | null;
  actorId: number | null;
  seat: string | null;
  action: string;
  object: string | null;
  outcome: Outcome;
  detail: string;
}

export function genesisHash(auditKey: Buffer, vaultId: string): Buffer {
  return createHmac('sha256', auditKey).update(`strongroom-audit-genesis/v1|${vaultId}`, 'utf8').digest();
}

export function canonicalEvent(e: AuditRecord): string {
  return JSON.stringify([e.seq, e.at, e.actor, e.actorId, e.seat, e.action, e.object, e.outcome, e.detail]);
}

export function chainHash(auditKey: Buffer, prevHash: Buffer, e: AuditRecord): Buffer {
  return chainMac(auditKey, prevHash, canonicalEvent(e));
}

/** The chain step over canonical bytes already in hand (a string is taken as UTF-8). */
export function chainMac(auditKey: Buffer, prevHash: Buffer, canonical: string | Uint8Array): Buffer {
  return createHmac('sha256', auditKey).update(prevHash).update(canonical).digest();
}

/** JSON with object keys sorted at every level, so the same detail always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    // fromEntries defines each key as its own property: a "__proto__" key is kept, not sent to the setter.
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/**
 * A lone surrogate can't be stored as UTF-8 (the driver writes U+FFFD), so the text is made
 * well-formed before it is hashed: what is hashed is exactly what is stored.
 */
export function wellFormed(text: string | null): string | null {
  return text === null ? null : text.toWellFormed();
}

/** An event's fields as they are stored and chained (its seq aside): text well-formed, detail canonical. */
export function storedFields(e: {
  at: number;
  actor: string | null;
  actorId: number | null;
  seat: string | null;
  action: string;
  object?: string | null | undefined;
  outcome: Outcome;
  detail?: Record<string, unknown> | undefined;
}): Omit<AuditRecord, 'seq'> {
  return {
    at: e.at,
    actor: wellFormed(e.actor),
    actorId: e.actorId,
    seat: wellFormed(e.seat),
    action: wellFormed(e.action) ?? '',
    object: wellFormed(e.object ?? null),
    outcome: e.outcome,
    detail: canonicalJson(e.detail ?? {}),
  };
}
