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
  'import.run',
  'case.readAll',
  'case.assign',
  'case.reveal',
  'team.manage',
  'contact.make',
  'contact.override',
  'complaint.manage',
  'payment.record',
  'holiday.manage',
  'holiday.approve',
  'conduct.board',
  'case.extendFirstContact',
  'visit.approve',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

/**
 * 职责分离 (ISO/IEC 27001 A.5.3): the roles independent of IT. Only they may attest to the access
 * log (verify, anchor, export), and only one of them can approve, at the same seat, IT's reset of
 * an auditor's or general manager's password, or IT making someone auditor or general manager.
 */
export const INDEPENDENT_ROLES = ['auditor', 'gm'] as const satisfies readonly Role[];
export type IndependentRole = (typeof INDEPENDENT_ROLES)[number];

export function isIndependentRole(role: Role): role is IndependentRole {
  return (INDEPENDENT_ROLES as readonly Role[]).includes(role);
}

/** What IT does that a second, independent person must approve at the same seat (二人审批). */
export const TWO_PERSON_ACTIONS = ['account.add', 'account.reset', 'account.role'] as const;
export type TwoPersonAction = (typeof TWO_PERSON_ACTIONS)[number];

/**
 * Everything a second person approves at the same seat: IT's actions on independent accounts
 * (the approver an auditor or general manager), and a holiday year's import (the approver anyone
 * else holding `holiday.approve`).
 */
export const APPROVAL_ACTIONS = [...TWO_PERSON_ACTIONS, 'holidays.import'] as const;
export type ApprovalAction = (typeof APPROVAL_ACTIONS)[number];

/**
 * Whether IT's action on an account needs a second person: resetting an independent person's
 * password always does; adding one, or making someone one, does once another independent account
 * is active (the first is set up alone: there is nobody to ask yet). `role`: the account's role
 * (reset) or the role it is to have (add, role). The core decides; the app and the CLI ask the
 * same question to prompt for the approver before the call.
 */
export function needsSecondPerson(action: TwoPersonAction, role: Role, anotherIndependentActive: boolean): boolean {
  if (!isIndependentRole(role)) return false;
  return action === 'account.reset' || anotherIndependentActive;
}

/**
 * What vouches for the log: a verification, an anchor kept on paper, a copy taken out of the
 * vault. Held only by independent roles; reading the log (audit.read) is not among them.
 */
export const ATTESTATION_PERMISSIONS = [
  'audit.verify',
  'audit.anchor',
  'audit.export',
] as const satisfies readonly Permission[];

export function isAttestation(permission: Permission): boolean {
  return (ATTESTATION_PERMISSIONS as readonly Permission[]).includes(permission);
}

/**
 * Shipped defaults, seeded into each vault where IT can edit them (every edit logged).
 * IT administers accounts, seats, roles and policy and reads the access log (every search of it
 * logged), but does not attest to it: the auditor (稽核) reads, verifies, anchors and exports it.
 * Auditors read everything administrative and change nothing; the general manager reads the log
 * and the ledger. Business roles get their permissions with the modules that need them.
 */
export const DEFAULT_ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  agent_phone: ['case.reveal', 'contact.make'],
  agent_field: ['case.reveal', 'contact.make'],
  team_lead: [
    'case.assign',
    'case.reveal',
    'contact.make',
    'contact.override',
    'complaint.manage',
    'payment.record',
    'conduct.board',
    'visit.approve',
  ],
  project_lead: ['conduct.board'],
  director: [
    'case.readAll',
    'case.assign',
    'team.manage',
    'holiday.approve',
    'conduct.board',
    'case.extendFirstContact',
    'visit.approve',
  ],
  admin: [],
  qc: ['import.run', 'case.readAll', 'complaint.manage', 'payment.record', 'holiday.approve', 'conduct.board'],
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
    'team.manage',
    'holiday.manage',
  ],
  cs: ['import.run'],
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
