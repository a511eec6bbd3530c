/**
 * preauth.json is bounded when read (docs/keyring-format.md, "Bounds at read time"). A file
 * outside the bounds is garbled: it is not read (logins go on from an empty journal, and the
 * loss is logged at the next unlock). Loading never throws for what the file holds, never hangs
 * and writes nothing; every file save() writes reads back whole; and a sealed box that opens to
 * anything but an event the access log takes is counted as unreadable instead of throwing.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewEvent } from '../../../electron/core/audit/audit-log';
import {
  MAX_COUNTERS,
  MAX_EVENT_BYTES,
  MAX_SEALED,
  PREAUTH_FILE,
  PreauthJournal,
} from '../../../electron/core/session/preauth-journal';
import { privateKeyFromSeed, rawPublicKey, seal } from '../../../electron/core/session/preauth-seal';
import { checkAuditEvent } from '../../../shared/audit-actions';
import { snapshot } from '../../fixtures/files';
import { hostileFile, makeFifo, mutatedJson, releaseFifo, settle } from '../../fixtures/hostile-files';
import { tempDir } from '../../fixtures/vault';

const MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const T0 = Date.UTC(2026, 10, 23, 2, 0, 0);
const PRIVATE = privateKeyFromSeed(randomBytes(32));
const PUBLIC = rawPublicKey(PRIVATE);
const lookupOf = (name: string | number) => createHash('sha256').update(`user-${name}`).digest('hex');

const FAILED: NewEvent = {
  at: T0,
  seat: 'ABCD-EFGH-JKMN',
  actor: 'it.chen',
  actorId: 1,
  action: 'preauth.loginFailed',
  outcome: 'failed',
  detail: { reason: 'credentials', knownUser: true, failures: 1 },
};
const REFUSED: NewEvent = {
  at: T0,
  seat: 'ABCD-EFGH-JKMN',
  actor: null,
  actorId: null,
  action: 'preauth.loginRefused',
  outcome: 'denied',
  detail: { reason: 'locked', knownUser: false },
};
const LOCKED: NewEvent = {
  at: T0,
  seat: 'ABCD-EFGH-JKMN',
  actor: 'it.chen',
  actorId: 1,
  action: 'preauth.lockout',
  outcome: 'ok',
  detail: { until: T0 + 1_800_000, knownUser: true },
};

let dir: string;
let cleanup: () => Promise<void>;
let serial = 0;
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterAll(() => cleanup());

async function freshDir(): Promise<string> {
  const dataDir = path.join(dir, `j${++serial}`);
  await mkdir(dataDir);
  return dataDir;
}

/** A journal as unlock.ts leaves it: a lock, a count, the policy mirror and three sealed events. */
async function validText(): Promise<string> {
  const dataDir = await freshDir();
  const journal = await PreauthJournal.load(dataDir);
  const now = journal.now(T0);
  journal.setLockoutPolicy({ lockoutThreshold: 3, lockoutMinutes: 30 });
  for (let i = 0; i < 3; i++) journal.recordFailure(lookupOf('locked'), now);
  journal.recordFailure(lookupOf('once'), now);
  for (const event of [FAILED, REFUSED, LOCKED]) journal.addEvent(PUBLIC, event);
  await journal.save();
  return readFile(path.join(dataDir, PREAUTH_FILE), 'utf8');
}
let VALID_TEXT: string;
let VALID: Record<string, unknown> & { sealed: Record<string, unknown>[]; counters: Record<string, unknown> };
beforeAll(async () => {
  VALID_TEXT = await validText();
  VALID = JSON.parse(VALID_TEXT) as typeof VALID;
});

/** Loads `content` as preauth.json: whether it was garbled, and whether the directory stayed as it was. */
async function loadBack(content: string | Buffer) {
  const dataDir = await freshDir();
  const file = path.join(dataDir, PREAUTH_FILE);
  await writeFile(file, content);
  const before = await snapshot(dataDir);
  const result = await settle(PreauthJournal.load(dataDir));
  const untouched = JSON.stringify(await snapshot(dataDir)) === JSON.stringify(before);
  await rm(dataDir, { recursive: true });
  const journal = result.kind === 'ok' ? result.value : null;
  return { result, journal, damaged: journal?.damaged ?? null, untouched };
}

/** What a journal that was read (not garbled) must show through its API. */
function withinBounds(journal: PreauthJournal): boolean {
  const policy = journal.lockoutPolicy();
  const locks = [...journal.locks(-1).values()];
  const pending = journal.pending([PRIVATE], 0);
  const safe = (v: unknown, min: number, max: number) =>
    Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max;
  return (
    safe(policy.lockoutThreshold, 1, 3) &&
    safe(policy.lockoutMinutes, 30, 1440) &&
    safe(journal.lastN(), 0, Number.MAX_SAFE_INTEGER - 1) &&
    locks.length <= MAX_COUNTERS &&
    locks.every(
      (l) =>
        safe(l.failures, 0, Number.MAX_SAFE_INTEGER) && (l.lockedUntil === null || safe(l.lockedUntil, 0, MAX_TIME)),
    ) &&
    pending.events.length + pending.unreadable <= MAX_SEALED &&
    safe(pending.dropped, 0, Number.MAX_SAFE_INTEGER) &&
    pending.events.every((p) => checkAuditEvent(p.event.action, null, p.event.detail ?? {}).ok) &&
    safe(journal.now(T0), 0, 2 * MAX_TIME)
  );
}

const edited = (change: (j: typeof VALID) => void): string => {
  const j = structuredClone(VALID);
  change(j);
  return JSON.stringify(j);
};
const firstCounter = (j: typeof VALID) => Object.values(j.counters)[0] as Record<string, unknown>;
const b64 = (n: number) => randomBytes(n).toString('base64');

describe('preauth.json bounds at read time', () => {
  it('reads what save() wrote, whole', async () => {
    const { journal, damaged, untouched } = await loadBack(VALID_TEXT);
    expect(damaged).toBe(false);
    expect(untouched).toBe(true);
    expect(journal!.failures(lookupOf('locked'))).toBe(3);
    expect(journal!.pending([PRIVATE], 0)).toEqual({
      events: [
        { n: 1, event: FAILED },
        { n: 2, event: REFUSED },
        { n: 3, event: LOCKED },
      ],
      unreadable: 0,
      dropped: 0,
    });
  });

  it.each([
    ['the vault time before 1970', (j: typeof VALID) => (j.lastSeen = -1)],
    ['the vault time after 9999', (j: typeof VALID) => (j.lastSeen = MAX_TIME + 1)],
    ['a negative clock reading', (j: typeof VALID) => (j.lastRaw = -5)],
    ['a lock end before 1970', (j: typeof VALID) => (firstCounter(j).lockedUntil = -1)],
    [
      'a lock longer than the policy allows (24 h)',
      (j: typeof VALID) => (firstCounter(j).lockedUntil = T0 + 86_400_001),
    ],
    ['a failure later than the vault time', (j: typeof VALID) => (firstCounter(j).lastFailureAt = T0 + 1)],
    ['a lockout of 10^9 minutes', (j: typeof VALID) => (j.lockout = { lockoutThreshold: 3, lockoutMinutes: 1e9 })],
    ['a lockout threshold of 4', (j: typeof VALID) => (j.lockout = { lockoutThreshold: 4, lockoutMinutes: 30 })],
    ['a negative failure count', (j: typeof VALID) => (firstCounter(j).failures = -1)],
    ['an ephemeral key of 31 bytes', (j: typeof VALID) => (j.sealed[0]!.epk = b64(31))],
    ['an ephemeral key that is not base64', (j: typeof VALID) => (j.sealed[0]!.epk = '!'.repeat(44))],
    ['a box nonce of 16 bytes', (j: typeof VALID) => (j.sealed[0]!.nonce = b64(16))],
    ['a box with only a tag', (j: typeof VALID) => (j.sealed[0]!.ct = b64(16))],
    ['a box over the event bound', (j: typeof VALID) => (j.sealed[0]!.ct = b64(MAX_EVENT_BYTES + 17))],
    ['a box numbered at nextN', (j: typeof VALID) => (j.sealed[2]!.n = j.nextN)],
    ['boxes out of order', (j: typeof VALID) => (j.sealed[1]!.n = 1)],
    ['a key that is not in the format', (j: typeof VALID) => (j.note = 'x')],
    ['a box key that is not in the format', (j: typeof VALID) => (j.sealed[0]!.aad = '')],
    ['a counter key that is not in the format', (j: typeof VALID) => (firstCounter(j).extra = 0)],
  ])('treats %s as garbled, without writing', async (_name, change) => {
    const { damaged, untouched } = await loadBack(edited(change));
    expect(damaged).toBe(true);
    expect(untouched).toBe(true);
  });

  it(`treats more than ${MAX_SEALED} sealed boxes as garbled`, async () => {
    const box = VALID.sealed[0]!;
    const sealed = Array.from({ length: MAX_SEALED + 1 }, (_, i) => ({ ...box, n: i + 1 }));
    expect((await loadBack(JSON.stringify({ ...VALID, nextN: MAX_SEALED + 2, sealed }))).damaged).toBe(true);
    expect((await loadBack(JSON.stringify({ ...VALID, nextN: MAX_SEALED + 2, sealed: sealed.slice(1) }))).damaged).toBe(
      false,
    );
  });

  it(`treats more than ${MAX_COUNTERS} counters as garbled; save() keeps to ${MAX_COUNTERS}, locks last`, async () => {
    const counter = { failures: 1, lockedUntil: null, lastFailureAt: T0 };
    const counters = Object.fromEntries(Array.from({ length: MAX_COUNTERS + 1 }, (_, i) => [lookupOf(i), counter]));
    expect((await loadBack(JSON.stringify({ ...VALID, counters }))).damaged).toBe(true);

    const dataDir = await freshDir();
    const journal = await PreauthJournal.load(dataDir);
    const now = journal.now(T0);
    journal.setLockoutPolicy({ lockoutThreshold: 1, lockoutMinutes: 30 });
    journal.recordFailure(lookupOf('target'), now);
    journal.setLockoutPolicy({ lockoutThreshold: 3, lockoutMinutes: 30 });
    for (let i = 0; i < MAX_COUNTERS + 5; i++) journal.recordFailure(lookupOf(i), journal.now(T0 + 1 + i));
    await journal.save();
    const back = await PreauthJournal.load(dataDir);
    expect(back.damaged).toBe(false);
    expect(back.locks(back.now(T0 + MAX_COUNTERS + 10)).size).toBe(MAX_COUNTERS);
    expect(back.lockedUntil(lookupOf('target'), T0 + 1)).toBe(T0 + 1_800_000);
    expect([back.failures(lookupOf(0)), back.failures(lookupOf(MAX_COUNTERS + 4))]).toEqual([0, 1]);
  });

  it('treats a file over 128 MiB as garbled without reading it', async () => {
    const dataDir = await freshDir();
    const file = path.join(dataDir, PREAUTH_FILE);
    await writeFile(file, VALID_TEXT);
    await truncate(file, 128 * 1024 * 1024 + 1);
    expect((await PreauthJournal.load(dataDir)).damaged).toBe(true);
  });

  it.skipIf(process.platform === 'win32')(
    'treats a FIFO in place of preauth.json as garbled, without waiting',
    async () => {
      const dataDir = await freshDir();
      const file = path.join(dataDir, PREAUTH_FILE);
      makeFifo(file);
      const result = await settle(PreauthJournal.load(dataDir), 2_000);
      await releaseFifo(file);
      expect(result.kind === 'ok' ? result.value.damaged : result.kind).toBe(true);
    },
  );

  it('property: any content loads (garbled or within the bounds), never throws or hangs, writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(hostileFile(Buffer.from(VALID_TEXT)), async (content) => {
        const { result, journal, untouched } = await loadBack(content);
        expect(result.kind).toBe('ok');
        expect(untouched).toBe(true);
        expect(journal === null || journal.damaged || withinBounds(journal)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

// ---- Sealed events ---------------------------------------------------------------------------

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const seatArb = fc
  .string({ unit: fc.constantFrom(...CROCKFORD), minLength: 12, maxLength: 12 })
  .map((s) => `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`);
const whoArb = fc.oneof(
  fc.constant({ actor: null, actorId: null }),
  fc.record({ actor: fc.stringMatching(/^[a-z0-9._-]{2,64}$/), actorId: fc.integer({ min: 1, max: 1_000_000 }) }),
);
/** Events exactly as unlock.ts seals them. */
const eventArb: fc.Arbitrary<NewEvent> = fc
  .record({
    at: fc.integer({ min: 0, max: MAX_TIME }),
    seat: seatArb,
    who: whoArb,
    kind: fc.constantFrom('failed', 'refused', 'locked'),
    knownUser: fc.boolean(),
    failures: fc.nat(1000),
    until: fc.integer({ min: 0, max: MAX_TIME }),
  })
  .map(({ at, seat, who, kind, knownUser, failures, until }): NewEvent => {
    const base = { at, seat, ...who };
    if (kind === 'failed')
      return {
        ...base,
        action: 'preauth.loginFailed',
        outcome: 'failed',
        detail: { reason: 'credentials', knownUser, failures },
      };
    if (kind === 'refused')
      return { ...base, action: 'preauth.loginRefused', outcome: 'denied', detail: { reason: 'locked', knownUser } };
    return { ...base, action: 'preauth.lockout', outcome: 'ok', detail: { until, knownUser } };
  });

/** A journal holding a box sealed (to the test key) over each plaintext, in order. */
async function journalOf(plaintexts: string[]): Promise<PreauthJournal> {
  const dataDir = await freshDir();
  const sealed = plaintexts.map((text, i) => ({ n: i + 1, ...seal(PUBLIC, text) }));
  await writeFile(path.join(dataDir, PREAUTH_FILE), JSON.stringify({ ...VALID, nextN: plaintexts.length + 1, sealed }));
  const journal = await PreauthJournal.load(dataDir);
  await rm(dataDir, { recursive: true });
  return journal;
}

describe('sealed events that open to something odd', () => {
  it.each([
    ['text that is not JSON', 'not json {'],
    ['null', 'null'],
    ['an array', '[1,2]'],
    ['a string', '"login.failed"'],
    ['an empty object', '{}'],
    [
      'an action not written before unlock',
      JSON.stringify({ ...FAILED, action: 'account.reset', detail: { reason: 'x' } }),
    ],
    ['an unregistered action', JSON.stringify({ ...FAILED, action: 'vault.destroyed' })],
    ['a detail that is a string', JSON.stringify({ ...FAILED, detail: 'credentials' })],
    ['a detail that is an array', JSON.stringify({ ...FAILED, detail: ['credentials'] })],
    [
      'a detail with a field its action does not have',
      JSON.stringify({ ...FAILED, detail: { ...FAILED.detail, pw: 'x' } }),
    ],
    ['an outcome its action never has', JSON.stringify({ ...FAILED, outcome: 'ok' })],
    ['an actor without an account id', JSON.stringify({ ...FAILED, actorId: null })],
    ['a seat that is not a seat id', JSON.stringify({ ...FAILED, seat: 'seat 1\nforged' })],
    ['a time no Date can hold', JSON.stringify({ ...FAILED, at: 2 ** 53 - 1 })],
    ['an extra field', JSON.stringify({ ...FAILED, hash: 'ab' })],
  ])('counts a box holding %s as unreadable and still gives the others back', async (_name, odd) => {
    const journal = await journalOf([JSON.stringify(FAILED), odd, JSON.stringify(LOCKED)]);
    expect(journal.damaged).toBe(false);
    expect(journal.pending([PRIVATE], 0)).toEqual({
      events: [
        { n: 1, event: FAILED },
        { n: 3, event: LOCKED },
      ],
      unreadable: 1,
      dropped: 0,
    });
  });

  it('property: every event sealed as unlock.ts seals it comes back as it was', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(eventArb, { minLength: 1, maxLength: 5 }), async (events) => {
        const journal = await journalOf(events.map((e) => JSON.stringify(e)));
        expect(journal.pending([PRIVATE], 0)).toEqual({
          events: events.map((event, i) => ({ n: i + 1, event })),
          unreadable: 0,
          dropped: 0,
        });
      }),
      { numRuns: 100 },
    );
  });

  it('property: whatever a box opens to, pending() gives back only events the access log takes, never throws', async () => {
    const plaintext = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null'),
      eventArb.chain((e) => mutatedJson(e)).map((v) => JSON.stringify(v) ?? 'null'),
      eventArb.map((e) => JSON.stringify(e)),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(plaintext, { minLength: 1, maxLength: 4 }), async (all) => {
        // What fits in a box: 1 byte to the event bound (longer ones make the file garbled, above).
        const texts = all.filter((t) => Buffer.byteLength(t) >= 1 && Buffer.byteLength(t) <= MAX_EVENT_BYTES);
        const journal = await journalOf(texts);
        expect(journal.damaged).toBe(false);
        const opened = (() => {
          try {
            return journal.pending([PRIVATE], 0);
          } catch (err) {
            return err as Error;
          }
        })();
        expect(opened).not.toBeInstanceOf(Error);
        const { events, unreadable } = opened as Exclude<typeof opened, Error>;
        expect(events.length + unreadable).toBe(texts.length);
        expect(events.filter((p) => !checkAuditEvent(p.event.action, null, p.event.detail ?? {}).ok)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

// ---- What save() writes, load() reads ----------------------------------------------------------

type Op =
  | { op: 'tick'; ms: number }
  | { op: 'fail'; name: number }
  | { op: 'event'; event: NewEvent }
  | { op: 'clear'; name: number }
  | { op: 'policy'; threshold: number; minutes: number }
  | { op: 'forget'; through: number }
  | { op: 'save' };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('tick' as const), ms: fc.integer({ min: -86_400_000 * 3, max: 86_400_000 * 3 }) }),
  { arbitrary: fc.record({ op: fc.constant('fail' as const), name: fc.nat(4) }), weight: 4 },
  { arbitrary: fc.record({ op: fc.constant('event' as const), event: eventArb }), weight: 3 },
  fc.record({ op: fc.constant('clear' as const), name: fc.nat(4) }),
  fc.record({
    op: fc.constant('policy' as const),
    threshold: fc.integer({ min: 1, max: 3 }),
    minutes: fc.integer({ min: 30, max: 1440 }),
  }),
  fc.record({ op: fc.constant('forget' as const), through: fc.nat(40) }),
  fc.record({ op: fc.constant('save' as const) }),
);

describe('every journal save() writes is read back whole', () => {
  it('property: any run of failures, locks, events, clock jumps, policy changes and drains', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { maxLength: 30 }), async (ops) => {
        const dataDir = await freshDir();
        let journal = await PreauthJournal.load(dataDir);
        let clock = T0;
        let now = journal.now(clock);
        const garbled: number[] = [];
        for (const [i, o] of ops.entries()) {
          if (o.op === 'tick') now = journal.now((clock = Math.max(0, clock + o.ms)));
          else if (o.op === 'fail') journal.recordFailure(lookupOf(o.name), now);
          else if (o.op === 'event') journal.addEvent(PUBLIC, o.event);
          else if (o.op === 'clear') journal.clear(lookupOf(o.name));
          else if (o.op === 'policy')
            journal.setLockoutPolicy({ lockoutThreshold: o.threshold, lockoutMinutes: o.minutes });
          else if (o.op === 'forget') journal.forgetThrough(Math.min(o.through, journal.lastN()));
          else {
            await journal.save();
            journal = await PreauthJournal.load(dataDir);
            now = journal.now(clock);
            if (journal.damaged) garbled.push(i);
          }
        }
        await journal.save();
        const back = await PreauthJournal.load(dataDir);
        await rm(dataDir, { recursive: true });
        expect(garbled).toEqual([]);
        expect(back.damaged).toBe(false);
        expect(back.pending([PRIVATE], 0).unreadable).toBe(0);
        expect(withinBounds(back)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
