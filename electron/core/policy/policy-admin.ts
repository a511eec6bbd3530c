/** IT changes policy settings with a reason, within bounds; before and after are logged. */
import { withLoginLock } from '../session/login-lock';
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
  // The lockout part must apply before unlock too: mirror it into the pre-unlock journal.
  await withLoginLock(session.vault.dataDir, async () => {
    const journal = await session.vault.journal();
    journal.setLockoutPolicy(session.vault.policy);
    await journal.save();
  });
  return session.vault.policy;
}
