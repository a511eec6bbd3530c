/** The role × permission matrix as stored in the vault (IT edits it; every edit is logged). */
import { isAttestation, isIndependentRole, PERMISSIONS, type Permission } from '../../../shared/permissions';
import { ROLES, type Role } from '../../../shared/roles';
import { fail } from '../errors';
import type { Queryable } from '../store/store';
import { sql } from '../store/sql';

export type Matrix = Record<Role, Permission[]>;

function isPermission(p: string): p is Permission {
  return (PERMISSIONS as readonly string[]).includes(p);
}

export async function loadMatrix(db: Queryable): Promise<Matrix> {
  const matrix = Object.fromEntries(ROLES.map((r) => [r, [] as Permission[]])) as Matrix;
  for (const row of await db.all<{ role: string; permission: string }>(
    sql`SELECT role, permission FROM role_permissions`,
  )) {
    // Rows for roles or permissions this version doesn't know are ignored, never granted; so is
    // attesting to the access log by a role that is not independent (separation of duties).
    if (!(ROLES as readonly string[]).includes(row.role) || !isPermission(row.permission)) continue;
    const role = row.role as Role;
    if (isAttestation(row.permission) && !isIndependentRole(role)) continue;
    matrix[role].push(row.permission);
  }
  for (const role of ROLES) matrix[role].sort((a, b) => PERMISSIONS.indexOf(a) - PERMISSIONS.indexOf(b));
  return matrix;
}

/** IT must always be able to manage accounts and roles, or no one could repair a mistake. */
const IT_KEEPS: readonly Permission[] = ['account.manage', 'role.manage'];

export async function setRolePermissions(tx: Queryable, role: Role, permissions: readonly Permission[]): Promise<void> {
  if (role === 'it' && IT_KEEPS.some((p) => !permissions.includes(p))) fail('INPUT_REJECTED', 'role.itKeepsAdmin');
  if (role === 'auditor' && permissions.some((p) => p.endsWith('.manage')))
    fail('INPUT_REJECTED', 'role.auditorReadOnly');
  // Whoever administers must not also vouch for the log that records it (A.5.3): verifying,
  // anchoring and exporting the log stay with the auditor and the general manager.
  if (!isIndependentRole(role) && permissions.some(isAttestation))
    fail('INPUT_REJECTED', 'role.attestationIndependent');
  await tx.run(sql`DELETE FROM role_permissions WHERE role = ${role}`);
  for (const permission of new Set(permissions)) {
    await tx.run(sql`INSERT INTO role_permissions (role, permission) VALUES (${role}, ${permission})`);
  }
}
