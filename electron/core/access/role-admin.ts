/** IT edits the role × permission matrix with a reason; before and after are logged. */
import type { Permission } from '../../../shared/permissions';
import type { Role } from '../../../shared/roles';
import type { Session } from '../session/session';
import { setRolePermissions, type Matrix } from './role-permissions';

export function matrix(session: Session): Promise<Matrix> {
  return Promise.resolve(session.vault.matrix);
}

export async function changeRolePermissions(
  session: Session,
  role: Role,
  permissions: Permission[],
  reason: string,
): Promise<Matrix> {
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
