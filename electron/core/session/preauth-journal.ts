/**
 * preauth.json: what the product must remember before anyone can unlock the vault: failure
 * counters and lockouts per username lookup (so a lock survives restarts and a backwards
 * clock), and sealed login events that are moved into the access log at the next unlock.
 * Format: docs/keyring-format.md.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/atomic-write';
import type { NewEvent } from '../audit/audit-log';
import { open, seal } from './preauth-seal';
import { DEFAULT_POLICY, type Policy } from '../policy/policy';

export type LockoutPolicy = Pick<Policy, 'lockoutThreshold' | 'lockoutMinutes'>;

export const PREAUTH_FILE = 'preauth.json';
const MAX_SEALED = 10_000;

const CounterSchema = z.object({
  failures: z.number().int().nonnegative(),
  lockedUntil: z.number().int().nullable(),
  lastFailureAt: z.number().int(),
});
const JournalSchema = z.object({
  format: z.literal('strongroom-preauth'),
  version: z.literal(1),
  /** The latest time this vault has seen: time never runs backwards for lockouts. */
  lastSeen: z.number().int(),
  /** The raw clock reading when lastSeen was taken (to count on from there after a jump back). */
  lastRaw: z.number().int().optional(),
  nextN: z.number().int().positive(),
  dropped: z.number().int().nonnegative(),
  /** The vault's lockout policy, mirrored at each unlock: it must apply before unlock. */
  lockout: z
    .object({ lockoutThreshold: z.number().int().min(1).max(3), lockoutMinutes: z.number().int().min(30) })
    .optional(),
  counters: z.record(z.string().regex(/^[0-9a-f]{64}$/), CounterSchema),
  sealed: z.array(z.object({ n: z.number().int().positive(), epk: z.string(), nonce: z.string(), ct: z.string() })),
});
type JournalState = z.infer<typeof JournalSchema>;

/** A login event recorded before unlock; `n` orders it and stops it being drained twice. */
export interface PendingEvent {
  n: number;
  event: NewEvent;
}

function empty(): JournalState {
  return { format: 'strongroom-preauth', version: 1, lastSeen: 0, nextN: 1, dropped: 0, counters: {}, sealed: [] };
}

export class PreauthJournal {
  private constructor(
    private readonly file: string,
    private state: JournalState,
    readonly damaged: boolean,
  ) {}

  static async load(dataDir: string): Promise<PreauthJournal> {
    const file = path.join(dataDir, PREAUTH_FILE);
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new PreauthJournal(file, empty(), false);
      throw err;
    }
    try {
      return new PreauthJournal(file, JournalSchema.parse(JSON.parse(text)), false);
    } catch {
      // A garbled journal must not stop every login; its loss is itself logged at next unlock.
      return new PreauthJournal(file, empty(), true);
    }
  }

  /**
   * The vault's time: it moves on with the clock, but when the clock is set back it keeps
   * counting from the last time seen, so a lock can't be shortened by turning the clock back.
   */
  now(clockNow: number): number {
    const lastRaw = this.state.lastRaw ?? this.state.lastSeen;
    this.state.lastSeen = this.state.lastSeen + Math.max(0, clockNow - lastRaw);
    this.state.lastRaw = clockNow;
    return this.state.lastSeen;
  }

  lockedUntil(lookup: string, now: number): number | null {
    const c = this.state.counters[lookup];
    return c?.lockedUntil != null && c.lockedUntil > now ? c.lockedUntil : null;
  }

  lockoutPolicy(): LockoutPolicy {
    return (
      this.state.lockout ?? {
        lockoutThreshold: DEFAULT_POLICY.lockoutThreshold,
        lockoutMinutes: DEFAULT_POLICY.lockoutMinutes,
      }
    );
  }

  setLockoutPolicy(policy: LockoutPolicy): void {
    this.state.lockout = { lockoutThreshold: policy.lockoutThreshold, lockoutMinutes: policy.lockoutMinutes };
  }

  /** Accounts (by lookup hash) locked at `now`, with their failure counts. */
  locks(now: number): Map<string, { failures: number; lockedUntil: number | null }> {
    const out = new Map<string, { failures: number; lockedUntil: number | null }>();
    for (const [lookup, c] of Object.entries(this.state.counters)) {
      out.set(lookup, {
        failures: c.failures,
        lockedUntil: c.lockedUntil != null && c.lockedUntil > now ? c.lockedUntil : null,
      });
    }
    return out;
  }

  /** Counts a failure; returns the lock end when this failure locks the account. */
  recordFailure(lookup: string, now: number): number | null {
    const policy = this.lockoutPolicy();
    const c = this.state.counters[lookup] ?? { failures: 0, lockedUntil: null, lastFailureAt: now };
    // A lock that has run out starts a fresh count.
    if (c.lockedUntil != null && c.lockedUntil <= now) {
      c.failures = 0;
      c.lockedUntil = null;
    }
    c.failures += 1;
    c.lastFailureAt = now;
    if (c.failures >= policy.lockoutThreshold) c.lockedUntil = now + policy.lockoutMinutes * 60_000;
    this.state.counters[lookup] = c;
    return c.failures >= policy.lockoutThreshold ? c.lockedUntil : null;
  }

  failures(lookup: string): number {
    return this.state.counters[lookup]?.failures ?? 0;
  }

  clear(lookup: string): void {
    delete this.state.counters[lookup];
  }

  addEvent(publicKey: string, event: NewEvent): void {
    const n = this.state.nextN++;
    this.state.sealed.push({ n, ...seal(publicKey, JSON.stringify(event)) });
    if (this.state.sealed.length > MAX_SEALED) {
      this.state.sealed.shift();
      this.state.dropped += 1;
    }
  }

  /** Opens the sealed events newer than `drainedThrough`, oldest first. */
  pending(
    privateKey: KeyObject,
    drainedThrough: number,
  ): { events: PendingEvent[]; unreadable: number; dropped: number } {
    const events: PendingEvent[] = [];
    let unreadable = 0;
    for (const box of this.state.sealed) {
      if (box.n <= drainedThrough) continue;
      const text = open(privateKey, box);
      if (text === null) unreadable += 1;
      else events.push({ n: box.n, event: JSON.parse(text) as NewEvent });
    }
    return { events, unreadable, dropped: this.state.dropped };
  }

  /** Forgets sealed events once they are safely in the access log. */
  forgetThrough(n: number): void {
    this.state.sealed = this.state.sealed.filter((box) => box.n > n);
    this.state.dropped = 0;
  }

  lastN(): number {
    return this.state.nextN - 1;
  }

  async save(): Promise<void> {
    const now = this.state.lastSeen;
    // Counters of names that have not failed for a day and are not locked are dropped.
    for (const [lookup, c] of Object.entries(this.state.counters)) {
      if ((c.lockedUntil == null || c.lockedUntil <= now) && now - c.lastFailureAt > 86_400_000)
        delete this.state.counters[lookup];
    }
    await writeFileAtomic(this.file, `${JSON.stringify(this.state)}\n`);
  }
}
