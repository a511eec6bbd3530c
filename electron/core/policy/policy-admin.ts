/** Policy settings and the role × permission matrix: IT edits them with a reason, before/after logged. */
import type { Permission } from '../../../shared/permissions';
import type { Role } from '../../../shared/roles';
import { setRolePermissions, type Matrix } from '../access/role-permissions';
import type { Policy } from './policy';
import { updatePolicy } from './policy-repository';
import type { Session } from '../session/session';

export async function policy(session: Session): Promise<Policy> {
  await session.require('policy.read', 'policy.get');
  return session.vault.policy;
}

export async function changePolicy(session: Session, changes: Partial<Policy>, reason: string): Promise<Policy> {
  await session.require('policy.manage', 'policy.set');
  session.requireRecentAuth();
  const before = session.vault.policy;
  await session.audited(async (tx) => {
    const { next, changed } = await updatePolicy(tx, before, changes);
    const diff = Object.fromEntries(changed.map((k) => [k, { before: before[k], after: next[k] }]));
    return { value: null, event: session.event('policy.changed', 'ok', null, { reason, changes: diff }) };
  });
  await session.vault.reloadSettings();
  // The lockout part must apply before unlock too: mirror it into the pre-unlock journal.
  const journal = await session.vault.journal();
  journal.setLockoutPolicy(session.vault.policy);
  await journal.save();
  return session.vault.policy;
}

export async function matrix(session: Session): Promise<Matrix> {
  await session.require('role.read', 'role.matrix');
  return session.vault.matrix;
}

export async function changeRolePermissions(
  session: Session,
  role: Role,
  permissions: Permission[],
  reason: string,
): Promise<Matrix> {
  await session.require('role.manage', 'role.set');
  session.requireRecentAuth();
  const before = session.vault.matrix[role];
  await session.audited(async (tx) => {
    await setRolePermissions(tx, role, permissions);
    return {
      value: null,
      event: session.event('role.permissionsChanged', 'ok', role, {
        reason,
        before,
        after: [...new Set(permissions)],
      }),
    };
  });
  await session.vault.reloadSettings();
  return session.vault.matrix;
}
