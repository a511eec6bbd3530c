/**
 * A lead lifts, for one case and today only, a rule the customer added above the floor (the
 * contact window inside 08:00–22:00, the holiday pause, a missing calendar year, the customer's
 * own caps below the floor's). The floor itself can't be overridden: the contract refuses it.
 */
import type { OverridableRule } from '../../../shared/conduct';
import { maskFreeText } from '../../../shared/masking';
import { seatDay } from '../../../shared/seat-day';
import { storedCase } from '../cases/case-reader';
import { visible, type CaseScope } from '../cases/case-scope';
import { fail } from '../errors';
import type { Session } from '../session/session';
import { sql } from '../store/sql';

export async function overrideRule(
  session: Session,
  scope: CaseScope,
  input: { caseNo: string; rule: OverridableRule; reason: string },
): Promise<{ day: string }> {
  // An agent's own seat never lifts a rule, whatever the matrix says: only a lead's or a director's view does.
  if (scope.kind === 'own') fail('NOT_PERMITTED', 'contact.overrideNotLead');
  const day = seatDay(session.vault.now());
  return session.audited(async (tx) => {
    const stored = await storedCase(tx, input.caseNo, visible(scope));
    if (!stored) fail('INPUT_REJECTED', 'case.unknown');
    const done = await tx.run(
      sql`INSERT INTO contact_overrides (case_id, rule, day, granted_by, granted_at)
          VALUES (${stored.id}, ${input.rule}, ${day}, ${session.account.id}, ${session.vault.now()})
          ON CONFLICT (case_id, rule, day) DO NOTHING`,
    );
    if (done.changes === 0) fail('INPUT_REJECTED', 'contact.alreadyOverridden');
    return {
      value: { day },
      event: session.event('contact.overridden', 'ok', stored.caseNo, {
        rule: input.rule,
        day,
        reason: maskFreeText(input.reason),
      }),
    };
  });
}
