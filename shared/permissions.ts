/** Permission names and the default role × permission matrix (policy.md: least privilege). */
import type { Role } from './roles';

export const PERMISSIONS = [
  'account.read',
  'account.manage',
  'audit.read',
  'audit.verify',
  'audit.anchor',
  'audit.export',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

/**
 * Shipped defaults. IT administers accounts and, as the first account of every vault, must be
 * able to read, verify, anchor and export the access log; auditors (稽核) do the same and
 * read accounts. Everyone else gets nothing here until later modules add their permissions.
 */
export const DEFAULT_ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  agent_phone: [],
  agent_field: [],
  team_lead: [],
  project_lead: [],
  director: [],
  admin: [],
  qc: [],
  it: ['account.read', 'account.manage', 'audit.read', 'audit.verify', 'audit.anchor', 'audit.export'],
  cs: [],
  auditor: ['account.read', 'audit.read', 'audit.verify', 'audit.anchor', 'audit.export'],
  gm: ['audit.read'],
};

export function roleHas(role: Role, permission: Permission): boolean {
  return DEFAULT_ROLE_PERMISSIONS[role].includes(permission);
}
