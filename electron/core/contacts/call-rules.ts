/**
 * The rules a call is checked against before it is dialed (collection-rules.md), as one pure
 * function of the facts: every check as it stood, and the first that blocks. Rules above the
 * floor that a lead overrode for this case today pass, marked as overridden.
 */
import {
  CALL_RULES,
  isOverridable,
  NUMBER_FLOOR,
  QUIET_FROM_MINUTE,
  QUIET_UNTIL_MINUTE,
  REACHED_FLOOR,
  RULE_SOURCES,
  type CallRule,
  type OverridableRule,
} from '../../../shared/conduct';
import type { CaseState } from '../../../shared/cases';
import type { Policy } from '../policy/policy';

export interface CallFacts {
  /** Minutes after midnight, Asia/Shanghai. */
  minute: number;
  policy: Pick<
    Policy,
    | 'contactFromMinute'
    | 'contactUntilMinute'
    | 'holidayPause'
    | 'missingHolidayYear'
    | 'reachedPerDay'
    | 'attemptsPerDay'
  >;
  caseState: CaseState;
  /** An open complaint or dispute on the debtor (any of their cases). */
  onHold: boolean;
  /** Another call to this debtor is open (dialed, not yet recorded). */
  callOpen: boolean;
  thirdParty: boolean;
  /** 失联: the debtor's own numbers are invalid or went unanswered N times in a row. */
  debtorLost: boolean;
  /** This third party refused further contact once. */
  contactRefused: boolean;
  today: { off: boolean; known: boolean };
  /** Today's counts for the debtor (all cases, all agents) and for this number. */
  counters: { reached: number; attempts: number; onNumber: number };
  overridden: ReadonlySet<OverridableRule>;
}

export interface RuleCheck {
  rule: CallRule;
  ok: boolean;
  /** Passed only because a lead overrode it for this case today. */
  overridden: boolean;
  /** The industry floor: no one can override it. */
  floor: boolean;
  source: string;
}

export interface CallVerdict {
  allowed: boolean;
  /** The first rule that blocks, if any. */
  blockedBy: CallRule | null;
  checks: RuleCheck[];
}

/** Each rule's test: true when the call may go ahead as far as that rule goes. */
function passes(f: CallFacts): Record<CallRule, boolean> {
  const p = f.policy;
  const inFloor = f.minute >= QUIET_UNTIL_MINUTE && f.minute < QUIET_FROM_MINUTE;
  const callsPaused = p.holidayPause.includes('call');
  return {
    caseState: f.caseState === 'open',
    hold: !f.onHold,
    callInProgress: !f.callOpen,
    thirdParty: !f.thirdParty || f.debtorLost,
    thirdPartyRefused: !f.thirdParty || !f.contactRefused,
    quietHours: inFloor,
    contactWindow: f.minute >= p.contactFromMinute && f.minute < p.contactUntilMinute,
    // A missing year: weekends are days off (and a banner says so), or no calls at all.
    holiday: !callsPaused || !f.today.off,
    holidayYearMissing: f.today.known || p.missingHolidayYear !== 'block',
    reachedFloor: f.counters.reached < REACHED_FLOOR,
    reachedCap: f.counters.reached < p.reachedPerDay,
    attemptCap: f.counters.attempts < p.attemptsPerDay,
    numberCap: f.counters.onNumber < NUMBER_FLOOR,
  } satisfies Record<CallRule, boolean>;
}

export function checkCall(facts: CallFacts): CallVerdict {
  const results = passes(facts);
  const checks: RuleCheck[] = CALL_RULES.map((rule) => {
    const floor = !isOverridable(rule);
    const overridden = !results[rule] && !floor && facts.overridden.has(rule);
    return { rule, ok: results[rule] || overridden, overridden, floor, source: RULE_SOURCES[rule] };
  });
  const blocked = checks.find((c) => !c.ok);
  return { allowed: !blocked, blockedBy: blocked?.rule ?? null, checks };
}
