/**
 * 首催: first contact is due within the policy's hours of assignment (48 by default); a manager
 * (holding case.extendFirstContact) may extend one case to at most 72, with a reason, logged. A
 * new assignment starts the clock again at the policy's hours.
 */
import { fail } from '../errors';
import type { Session } from '../session/session';
import { sql } from '../store/sql';
import { storedCase } from './case-reader';
import { visible, type CaseScope } from './case-scope';

export async function extendFirstContact(
  session: Session,
  scope: CaseScope,
  input: { caseNo: string; hours: number; reason: string },
): Promise<{ due: number }> {
  return session.audited(async (tx) => {
    const stored = await storedCase(tx, input.caseNo, visible(scope));
    if (!stored) fail('INPUT_REJECTED', 'case.unknown');
    const assignedAt = stored.row.assigned_at;
    if (assignedAt === null || stored.row.last_contact_at !== null) fail('INPUT_REJECTED', 'case.noFirstContactDue');
    if (input.hours <= session.vault.policy.firstContactHours)
      fail('INPUT_REJECTED', 'case.extensionShorter', { hours: session.vault.policy.firstContactHours });
    await tx.run(sql`UPDATE cases SET first_contact_hours = ${input.hours} WHERE id = ${stored.id}`);
    return {
      value: { due: Number(assignedAt) + input.hours * 3_600_000 },
      event: session.event('case.firstContactExtended', 'ok', stored.caseNo, {
        hours: input.hours,
        reason: input.reason,
      }),
    };
  });
}
