/**
 * When calling becomes possible again after a block: later today when the window has yet to open,
 * else the next day calls are allowed (a working day when calls pause on days off), at the
 * window's start; never, for a hold, a third party or a closed case (those need a person).
 */
import { CALL_OPEN_MINUTES, type CallRule } from '../../../shared/conduct';
import { addDays, seatDay, seatMinute, seatTimeOn } from '../../../shared/seat-day';
import { nextWorkingDay } from '../holidays/holiday-calendar';
import type { Policy } from '../policy/policy';
import type { Queryable } from '../store/store';

export async function nextCallAt(
  db: Queryable,
  rule: CallRule,
  now: number,
  policy: Policy,
  openSince: number | null,
): Promise<number | null> {
  const today = seatDay(now);
  const from = policy.contactFromMinute;
  const dayFrom = async (day: string): Promise<number> =>
    seatTimeOn(policy.holidayPause.includes('call') ? await nextWorkingDay(db, day) : day, from);
  switch (rule) {
    case 'caseState':
    case 'hold':
    case 'thirdParty':
    case 'thirdPartyRefused':
      return null;
    case 'callInProgress':
      return (openSince ?? now) + CALL_OPEN_MINUTES * 60_000;
    case 'quietHours':
    case 'contactWindow':
      if (seatMinute(now) < from) {
        const next = await dayFrom(today);
        return next;
      }
      return dayFrom(addDays(today, 1));
    case 'holiday':
    case 'holidayYearMissing':
    case 'reachedFloor':
    case 'reachedCap':
    case 'attemptCap':
    case 'numberCap':
      return dayFrom(addDays(today, 1));
  }
}
