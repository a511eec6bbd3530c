/**
 * Call (外呼): every rule is checked before a number leaves the vault — in the transaction that
 * takes the debtor's line, so two calls to the same debtor at once are decided one after the
 * other. Allowed: the call is opened (it counts for today), logged, and the number goes to the
 * dialer without being shown. Blocked: logged, and refused naming the rule, its source, the
 * counts and when calling becomes possible.
 */
import { randomUUID } from 'node:crypto';
import { isThirdParty, RULE_SOURCES, type CallRule, type PhoneSlot } from '../../../shared/conduct';
import { seatClock, seatDay, seatMinute } from '../../../shared/seat-day';
import { dialables, debtorOf, openNumber, type Dialable } from '../cases/case-debtor';
import { storedCase, type StoredCase } from '../cases/case-reader';
import { visible, type CaseScope } from '../cases/case-scope';
import { holdOn } from '../complaints/complaint-register';
import { fail } from '../errors';
import { dayStatus } from '../holidays/holiday-calendar';
import type { Session } from '../session/session';
import { sql } from '../store/sql';
import type { Queryable } from '../store/store';
import { checkCall, type CallVerdict } from './call-rules';
import { nextCallAt } from './call-window';
import {
  countersOf,
  debtorLost,
  lineOf,
  numberRefused,
  overridesOf,
  peekLine,
  takeLine,
  type DebtorCounters,
} from './debtor-day';

export interface SlotVerdict extends CallVerdict {
  slot: PhoneSlot;
  mask: string;
  relation: string | null;
  counters: DebtorCounters;
  /** When calling this number becomes possible (null: not by waiting). */
  nextAt: number | null;
}

interface Evaluated {
  verdict: SlotVerdict;
  debtor: string;
  numberKey: string;
  number: string | null;
}

/** The verdict for one number of a case, as things stand in `tx`. */
async function evaluate(
  session: Session,
  tx: Queryable,
  stored: StoredCase,
  slot: Dialable,
  line: { openSince: number | null },
): Promise<Evaluated> {
  const { vault } = session;
  const now = vault.now();
  const today = seatDay(now);
  const debtor = await debtorOf(tx, stored.id);
  const open = stored.row.state === 'open';
  // A case that can't be worked is refused before any number is opened.
  const opened = open ? await openNumber(vault, tx, stored, slot.slot) : null;
  const numberKey = opened?.key ?? '';
  const ownKeys: string[] = [];
  if (open) {
    for (const own of (await dialables(tx, stored)).filter((d) => !isThirdParty(d.slot)))
      ownKeys.push(own.slot === slot.slot ? numberKey : (await openNumber(vault, tx, stored, own.slot)).key);
  }
  const thirdParty = isThirdParty(slot.slot);
  const counters = await countersOf(tx, debtor, today, numberKey);
  const status = await dayStatus(tx, today);
  const result = checkCall({
    minute: seatMinute(now),
    policy: vault.policy,
    caseState: stored.row.state as 'open',
    onHold: (await holdOn(tx, debtor)) !== null,
    callOpen: line.openSince !== null,
    thirdParty,
    debtorLost: thirdParty && (await debtorLost(tx, debtor, ownKeys, vault.policy.lostAfterFailures)),
    contactRefused: thirdParty && open && (await numberRefused(tx, numberKey)),
    today: status,
    counters,
    overridden: await overridesOf(tx, stored.id, today),
  });
  const nextAt = result.blockedBy ? await nextCallAt(tx, result.blockedBy, now, vault.policy, line.openSince) : null;
  return {
    verdict: { ...result, slot: slot.slot, mask: slot.mask, relation: slot.relation, counters, nextAt },
    debtor,
    numberKey,
    number: opened?.number ?? null,
  };
}

async function visibleCase(tx: Queryable, scope: CaseScope, caseNo: string): Promise<StoredCase> {
  const stored = await storedCase(tx, caseNo, visible(scope));
  if (!stored) fail('INPUT_REJECTED', 'case.unknown');
  return stored;
}

/** Each number of a case with its verdict now: what the case page shows beside its call buttons. */
export async function checkCalls(session: Session, scope: CaseScope, caseNo: string): Promise<SlotVerdict[]> {
  const { db } = session.vault;
  const stored = await visibleCase(db, scope, caseNo);
  const line = await peekLine(db, await debtorOf(db, stored.id), session.vault.now());
  const out: SlotVerdict[] = [];
  for (const slot of await dialables(db, stored)) out.push((await evaluate(session, db, stored, slot, line)).verdict);
  return out;
}

export interface StartedCall {
  callNo: string;
  dialed: boolean;
  verdict: SlotVerdict;
}

export async function startCall(
  session: Session,
  scope: CaseScope,
  input: { caseNo: string; slot: PhoneSlot },
  dial: ((number: string, callNo: string) => Promise<void>) | undefined,
): Promise<StartedCall> {
  let number: string | null = null;
  const outcome = await session.audited<{ blocked: SlotVerdict } | { started: StartedCall }>(async (tx) => {
    const stored = await visibleCase(tx, scope, input.caseNo);
    const slot = (await dialables(tx, stored)).find((d) => d.slot === input.slot);
    if (!slot) fail('INPUT_REJECTED', 'contact.noNumber');
    const debtor = await debtorOf(tx, stored.id);
    const now = session.vault.now();
    const line = await lineOf(tx, debtor, now);
    const e = await evaluate(session, tx, stored, slot, line);
    const { counters } = e.verdict;
    if (!e.verdict.allowed) {
      const rule = e.verdict.blockedBy as CallRule;
      return {
        value: { blocked: e.verdict },
        event: session.event('contact.blocked', 'denied', stored.caseNo, { slot: slot.slot, rule, ...counters }),
      };
    }
    const callNo = randomUUID();
    const checks = JSON.stringify(e.verdict.checks.map(({ rule, ok, overridden }) => ({ rule, ok, overridden })));
    await tx.run(
      sql`INSERT INTO contact_calls (call_no, case_id, debtor, slot, number_key, day, agent_id, started_at, dialed, checks)
          VALUES (${callNo}, ${stored.id}, ${debtor}, ${slot.slot}, ${e.numberKey}, ${seatDay(now)}, ${session.account.id},
                  ${now}, ${dial ? 1 : 0}, ${checks})`,
    );
    await takeLine(tx, debtor, callNo, now);
    number = e.number;
    const overridden = e.verdict.checks.filter((c) => c.overridden).map((c) => c.rule as 'contactWindow');
    return {
      value: { started: { callNo, dialed: dial !== undefined, verdict: e.verdict } },
      event: session.event('contact.started', 'ok', stored.caseNo, {
        call: callNo,
        slot: slot.slot,
        dialed: dial !== undefined,
        overridden,
      }),
    };
  });
  if ('blocked' in outcome) {
    const v = outcome.blocked;
    const rule = v.blockedBy as CallRule;
    fail('NOT_PERMITTED', `contact.blocked.${rule}`, {
      rule,
      source: RULE_SOURCES[rule],
      reached: v.counters.reached,
      attempts: v.counters.attempts,
      onNumber: v.counters.onNumber,
      next: v.nextAt === null ? '' : seatClock(v.nextAt),
    });
  }
  // Logged first; then the number goes to the dialer, never to the screen. A dialer that fails
  // leaves the call open (it counts): the agent records what happened, e.g. NA.
  if (dial && number !== null) {
    try {
      await dial(number, outcome.started.callNo);
    } catch {
      fail('UNAVAILABLE', 'contact.dialerFailed');
    }
  }
  return outcome.started;
}
