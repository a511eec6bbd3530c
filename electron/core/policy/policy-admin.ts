/** IT changes policy settings with a reason, within bounds; before and after are logged. */
import type { Session } from '../session/session';
import type { Policy } from './policy';
import { updatePolicy } from './policy-repository';

export function policy(session: Session): Promise<Policy> {
  return Promise.resolve(session.vault.policy);
}

export async function changePolicy(session: Session, changes: Partial<Policy>, reason: string): Promise<Policy> {
  const before = session.vault.policy;
  await session.audited(async (tx) => {
    const { next, changed } = await updatePolicy(tx, before, changes);
    const diff = Object.fromEntries(changed.map((k) => [k, { before: before[k], after: next[k] }]));
    return { value: null, event: session.event('policy.changed', 'ok', null, { reason, changes: diff }) };
  });
  await session.vault.reloadSettings();
  // The lockout part must apply before sign-in too.
  await session.vault.lockoutPolicyChanged();
  return session.vault.policy;
}
