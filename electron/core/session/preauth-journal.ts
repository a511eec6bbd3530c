/**
 * preauth.json: what the product must remember before anyone can unlock the vault: failure
 * counters and lockouts per username lookup (so a lock survives restarts and a backwards
 * clock), and sealed login events that are moved into the access log at the next unlock.
 * Format: docs/keyring-format.md.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { checkAuditEvent } from '../../../shared/audit-actions';
import { SEAT_ID_PATTERN } from '../../../shared/seat-id';
import { writeFileAtomic } from '../fs/atomic-write';
import { base64Between, base64Of, readBounded, Timestamp } from '../fs/outside-file';
import type { NewEvent } from '../audit/audit-log';
import { open, seal } from './preauth-seal';
import { DEFAULT_POLICY, type Policy } from '../policy/policy';

export type LockoutPolicy = Pick<Policy, 'lockoutThreshold' | 'lockoutMinutes'>;

export const PREAUTH_FILE = 'preauth.json';

// Bounds at read time (docs/keyring-format.md). A file outside them is garbled: it is not read,
// and its loss is logged at the next unlock. Every file save() writes is within them.

/** Sealed events kept; when more arrive the oldest is dropped and counted. */
export const MAX_SEALED = 10_000;
/** Names (lookup hashes) with a failure count kept; save() drops the least useful beyond this. */
export const MAX_COUNTERS = 100_000;
/**
 * An event's JSON before sealing. A typed username is at most 64 characters and NFKC expands
 * one to at most 18, so the longest event Strongroom writes is under 5 KiB.
 */
export const MAX_EVENT_BYTES = 8 * 1024;
/** A file at every bound above, as save() writes it, is about 126 MB (121 MiB); a larger one is not read. */
const MAX_JOURNAL_BYTES = 128 * 1024 * 1024;
/** The lockout mirror is read within the policy's own bounds (policy.ts). */
const MAX_THRESHOLD = 3;
const MAX_LOCK_MINUTES = 24 * 60;
/** A normalised username: 64 typed characters, each expanded at most 18-fold by NFKC. */
const MAX_ACTOR = 64 * 18;

const Count = z.number().int().min(0);

const CounterSchema = z.strictObject({
  /**
   * Not capped at the threshold: a failed re-authentication is counted before the password is
   * tried, also while the name is locked (session.ts), so an open session can count past it.
   */
  failures: Count,
  lockedUntil: Timestamp.nullable(),
  lastFailureAt: Timestamp,
});
type Counter = z.infer<typeof CounterSchema>;
const SealedBoxSchema = z.strictObject({
  n: z.number().int().positive(),
  /** Ephemeral X25519 public key. */
  epk: base64Of(32),
  nonce: base64Of(12),
  /** AES-256-GCM: the event's JSON and the 16-byte tag. */
  ct: base64Between(1 + 16, MAX_EVENT_BYTES + 16),
});
const JournalSchema = z
  .strictObject({
    format: z.literal('strongroom-preauth'),
    version: z.literal(1),
    /** The latest time this vault has seen: time never runs backwards for lockouts. */
    lastSeen: Timestamp,
    /** The raw clock reading when lastSeen was taken (to count on from there after a jump back). */
    lastRaw: Timestamp.optional(),
    nextN: z.number().int().positive(),
    dropped: Count,
    /** The vault's lockout policy, mirrored at each unlock: it must apply before unlock. */
    lockout: z
      .strictObject({
        lockoutThreshold: z.number().int().min(1).max(MAX_THRESHOLD),
        lockoutMinutes: z.number().int().min(30).max(MAX_LOCK_MINUTES),
      })
      .optional(),
    counters: z
      .record(z.string().regex(/^[0-9a-f]{64}$/), CounterSchema)
      .refine((counters) => Object.keys(counters).length <= MAX_COUNTERS),
    sealed: z.array(SealedBoxSchema).max(MAX_SEALED),
    /**
     * The hash chain over the sealed boxes: this journal's random id, and the number and head of
     * the last box it has forgotten (drained or dropped). The database remembers id and head at
     * each drain, so a journal that was deleted, replaced, rolled back or cut is found out.
     * Missing in journals written before the chain; load gives those one.
     */
    chain: z
      .strictObject({
        id: z.string().regex(/^[0-9a-f]{32}$/),
        baseN: Count,
        baseHead: z.string().regex(/^[0-9a-f]{64}$/),
      })
      .optional(),
  })
  // What recordFailure and addEvent keep true: a failure is no later than the vault's time and a
  // lock no longer than the longest the policy allows; boxes are numbered in order below nextN.
  .refine((j) =>
    Object.values(j.counters).every(
      (c) =>
        c.lastFailureAt <= j.lastSeen &&
        (c.lockedUntil === null || c.lockedUntil <= c.lastFailureAt + MAX_LOCK_MINUTES * 60_000),
    ),
  )
  .refine((j) => j.sealed.every((box, i) => box.n < j.nextN && (i === 0 || j.sealed[i - 1]!.n < box.n)))
  .refine((j) => !j.chain || (j.chain.baseN < j.nextN && j.sealed.every((box) => box.n > j.chain!.baseN)));
type JournalState = z.infer<typeof JournalSchema>;

/** What each action sealed before unlock records as its outcome (unlock.ts writes only these). */
const PREAUTH_OUTCOMES = {
  'preauth.loginFailed': 'failed',
  'preauth.loginRefused': 'denied',
  'preauth.lockout': 'ok',
} as const;
/** The names journals of older versions sealed the same events under. */
const LEGACY_NAMES = {
  'login.failed': 'preauth.loginFailed',
  'login.refused': 'preauth.loginRefused',
  'lockout.locked': 'preauth.lockout',
} as const;

/**
 * What an opened box must hold to be moved into the access log: NewEvent's fields, for one of
 * the actions written before unlock. The public key is in keyring.json, so anyone can seal a
 * box: what it says is checked like any other input.
 */
const SealedEventSchema = z
  .strictObject({
    at: Timestamp,
    seat: z.string().regex(SEAT_ID_PATTERN).nullable(),
    actor: z.string().min(1).max(MAX_ACTOR).nullable(),
    actorId: z.number().int().positive().nullable(),
    action: z
      .enum(['preauth.loginFailed', 'preauth.loginRefused', 'preauth.lockout', ...Object.keys(LEGACY_NAMES)])
      .transform((a) => LEGACY_NAMES[a as keyof typeof LEGACY_NAMES] ?? (a as keyof typeof PREAUTH_OUTCOMES)),
    object: z.null().optional(),
    outcome: z.enum(['ok', 'denied', 'failed']),
    detail: z.record(z.string(), z.unknown()).transform(({ recordedBeforeUnlock: _marker, ...rest }) => rest),
  })
  .refine((e) => PREAUTH_OUTCOMES[e.action] === e.outcome && (e.actor === null) === (e.actorId === null))
  // The access log takes it (as unlock.ts appends it) or it is not taken at all.
  .refine((e) => checkAuditEvent(e.action, null, e.detail).ok);

/** The event an opened box holds, or null when it is not one the access log would take. */
function eventOf(text: string): NewEvent | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = SealedEventSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** A login event recorded before unlock; `n` orders it and stops it being drained twice. */
export interface PendingEvent {
  n: number;
  event: NewEvent;
}

type Chain = NonNullable<JournalState['chain']>;
type SealedEntry = JournalState['sealed'][number];

function newChain(baseN: number): Chain {
  return { id: randomBytes(16).toString('hex'), baseN, baseHead: '0'.repeat(64) };
}

/** head_n = SHA-256(head_{n-1} ‖ "n|epk|nonce|ct"), from the chain's base (docs/keyring-format.md). */
function link(head: string, box: SealedEntry): string {
  return createHash('sha256')
    .update(Buffer.from(head, 'hex'))
    .update(`${box.n}|${box.epk}|${box.nonce}|${box.ct}`, 'utf8')
    .digest('hex');
}

/** What the database remembers of the journal at the last drain (null: before the chain). */
export interface DrainedChain {
  id: string | null;
  through: number;
  head: string | null;
}

/** How the journal on disk follows on from the last drain. */
export type ChainCheck = 'continues' | 'restarted' | 'replaced' | 'rolledBack' | 'forked';

function empty(): JournalState {
  return {
    format: 'strongroom-preauth',
    version: 1,
    lastSeen: 0,
    nextN: 1,
    dropped: 0,
    counters: {},
    sealed: [],
    chain: newChain(0),
  };
}

export class PreauthJournal {
  private constructor(
    private readonly file: string,
    private state: JournalState,
    readonly damaged: boolean,
    /** The file as loaded (null: there was none), for revert(). */
    private readonly original: string | null,
  ) {
    // A journal from before the chain starts one where it stands.
    this.state.chain ??= newChain(this.state.sealed[0] ? this.state.sealed[0].n - 1 : this.state.nextN - 1);
  }

  private get chain(): Chain {
    return this.state.chain!;
  }

  /** The journal's own time as last read (the start of the next window of evidence). */
  seen(): number {
    return this.state.lastSeen;
  }

  /** The chain's head after box `n`, or null when `n` is not in this journal's chain. */
  headAt(n: number): string | null {
    let head = this.chain.baseHead;
    if (n === this.chain.baseN) return head;
    for (const box of this.state.sealed) {
      head = link(head, box);
      if (box.n === n) return head;
    }
    return null;
  }

  /** Where draining starts: after the drained mark when the chain continues, else all it has. */
  drainFrom(check: ChainCheck, drained: DrainedChain): number {
    return check === 'continues' ? drained.through : this.chain.baseN;
  }

  /** Whether this journal is the one the database last drained, carried on (never silently not). */
  follows(drained: DrainedChain): ChainCheck {
    if (drained.id === null) return 'continues'; // drained before the chain existed
    // Another chain: begun anew (the old file deleted or lost), or put in from elsewhere.
    if (this.chain.id !== drained.id) return this.chain.baseN === 0 ? 'restarted' : 'replaced';
    if (this.lastN() < drained.through) return 'rolledBack';
    // Overflow dropped boxes past the mark: already reported as dropped.
    if (drained.through < this.chain.baseN && this.state.dropped > 0) return 'continues';
    return this.headAt(drained.through) === drained.head ? 'continues' : 'forked';
  }

  /** What the database is to remember after draining through lastN(). */
  drained(): { id: string; through: number; head: string } {
    return { id: this.chain.id, through: this.lastN(), head: this.headAt(this.lastN()) ?? this.chain.baseHead };
  }

  static async load(dataDir: string): Promise<PreauthJournal> {
    const file = path.join(dataDir, PREAUTH_FILE);
    let text: string | null;
    try {
      text = await readBounded(file, MAX_JOURNAL_BYTES);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new PreauthJournal(file, empty(), false, null);
      throw err;
    }
    // A garbled journal must not stop every login; its loss is itself logged at next unlock.
    if (text === null) return new PreauthJournal(file, empty(), true, null);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return new PreauthJournal(file, empty(), true, text);
    }
    const parsed = JournalSchema.safeParse(json);
    return parsed.success
      ? new PreauthJournal(file, parsed.data, false, text)
      : new PreauthJournal(file, empty(), true, text);
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
    // The vault's time is the latest it has seen (callers pass now() already: this keeps it so).
    this.state.lastSeen = Math.max(this.state.lastSeen, now);
    if (c.failures >= policy.lockoutThreshold) c.lockedUntil = now + policy.lockoutMinutes * 60_000;
    this.state.counters[lookup] = c;
    return c.failures >= policy.lockoutThreshold ? c.lockedUntil : null;
  }

  /**
   * Puts the file back exactly as it was loaded (removes it if there was none): a failure
   * counted ahead of the KDF, for a password that turned out right, leaves no trace on disk.
   */
  async revert(): Promise<void> {
    if (this.original === null) await fs.rm(this.file, { force: true });
    else await writeFileAtomic(this.file, this.original);
  }

  /** One account's counter as it is (undefined: none), to put back with restoreCounter. */
  counter(lookup: string): Counter | undefined {
    const c = this.state.counters[lookup];
    return c && { ...c };
  }

  restoreCounter(lookup: string, counter: Counter | undefined): void {
    if (counter) this.state.counters[lookup] = { ...counter };
    else delete this.state.counters[lookup];
  }

  failures(lookup: string): number {
    return this.state.counters[lookup]?.failures ?? 0;
  }

  clear(lookup: string): void {
    delete this.state.counters[lookup];
  }

  addEvent(publicKey: string, event: NewEvent): void {
    const text = JSON.stringify(event);
    if (Buffer.byteLength(text, 'utf8') > MAX_EVENT_BYTES) throw new RangeError('pre-unlock event too long');
    const n = this.state.nextN++;
    this.state.sealed.push({ n, ...seal(publicKey, text) });
    if (this.state.sealed.length > MAX_SEALED) {
      const gone = this.state.sealed.shift()!;
      this.state.chain = { ...this.chain, baseN: gone.n, baseHead: link(this.chain.baseHead, gone) };
      this.state.dropped += 1;
    }
  }

  /**
   * Opens the sealed events newer than `drainedThrough`, oldest first, with whichever key of
   * `privateKeys` opens each (the vault key's epochs: a rotation changes the key events are
   * sealed to, and events sealed just before it are still owed). A box that does not open,
   * or opens to anything but an event the access log takes, is counted as unreadable: one odd
   * box must not make every unlock fail.
   */
  pending(
    privateKeys: readonly KeyObject[],
    drainedThrough: number,
  ): { events: PendingEvent[]; unreadable: number; dropped: number } {
    const events: PendingEvent[] = [];
    let unreadable = 0;
    for (const box of this.state.sealed) {
      if (box.n <= drainedThrough) continue;
      let text: string | null = null;
      for (const key of privateKeys) if (text === null) text = open(key, box);
      const event = text === null ? null : eventOf(text);
      if (event === null) unreadable += 1;
      else events.push({ n: box.n, event });
    }
    return { events, unreadable, dropped: this.state.dropped };
  }

  /** Forgets sealed events once they are safely in the access log. */
  forgetThrough(n: number): void {
    const head = this.headAt(n);
    if (head !== null) this.state.chain = { ...this.chain, baseN: n, baseHead: head };
    this.state.sealed = this.state.sealed.filter((box) => box.n > n);
    this.state.dropped = 0;
  }

  /**
   * Beyond MAX_COUNTERS names, drops the least useful: unlocked counts, oldest failure first, then
   * the locks that end soonest. Each new name costs a full Argon2id run, so pushing one name's
   * count out this way takes hours of guessing at the keyboard.
   */
  private keepCountersBounded(now: number): void {
    const entries = Object.entries(this.state.counters);
    if (entries.length <= MAX_COUNTERS) return;
    const locked = (c: (typeof entries)[number][1]) => c.lockedUntil != null && c.lockedUntil > now;
    entries.sort(([, a], [, b]) =>
      locked(a) !== locked(b)
        ? locked(a)
          ? 1
          : -1
        : locked(a)
          ? a.lockedUntil! - b.lockedUntil!
          : a.lastFailureAt - b.lastFailureAt,
    );
    for (const [lookup] of entries.slice(0, entries.length - MAX_COUNTERS)) delete this.state.counters[lookup];
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
    this.keepCountersBounded(now);
    await writeFileAtomic(this.file, `${JSON.stringify(this.state)}\n`);
  }
}
