/** Permission names and the shipped role × permission defaults (policy.md: least privilege). */
import type { Role } from './roles';

export const PERMISSIONS = [
  'account.read',
  'account.manage',
  'seat.read',
  'seat.manage',
  'role.read',
  'role.manage',
  'policy.read',
  'policy.manage',
  'ledger.read',
  'audit.read',
  'audit.verify',
  'audit.anchor',
  'audit.export',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

/**
 * Shipped defaults, seeded into each vault where IT can edit them (every edit logged).
 * IT administers accounts, seats, roles and policy, and (as the first account of every vault)
 * reads, verifies, anchors and exports the access log; auditors (稽核) read everything
 * administrative and change nothing; the general manager reads the log and the ledger.
 * Business roles get their permissions with the modules that need them.
 */
export const DEFAULT_ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  agent_phone: [],
  agent_field: [],
  team_lead: [],
  project_lead: [],
  director: [],
  admin: [],
  qc: [],
  it: [
    'account.read',
    'account.manage',
    'seat.read',
    'seat.manage',
    'role.read',
    'role.manage',
    'policy.read',
    'policy.manage',
    'ledger.read',
    'audit.read',
    'audit.verify',
    'audit.anchor',
    'audit.export',
  ],
  cs: [],
  auditor: [
    'account.read',
    'seat.read',
    'role.read',
    'policy.read',
    'ledger.read',
    'audit.read',
    'audit.verify',
    'audit.anchor',
    'audit.export',
  ],
  gm: ['ledger.read', 'audit.read'],
};
