/**
 * Ceremonies (security-model.md, "Ceremonies"): actions that need two different people in two
 * named roles at one seat, one after the other. Custodian A starts; B confirms.
 */
import type { Role } from './roles';

export const CEREMONY_KINDS = ['import', 'destruction', 'recordings', 'backup'] as const;
export type CeremonyKind = (typeof CEREMONY_KINDS)[number];

export const CUSTODIAN_SLOTS = ['A', 'B'] as const;
export type CustodianSlot = (typeof CUSTODIAN_SLOTS)[number];

/** Who fills each place (policy.md: 全过程应由且只由客服、品控两个岗位人员参与 for the import). */
export const CEREMONY_ROLES: Readonly<Record<CeremonyKind, Readonly<Record<CustodianSlot, Role>>>> = {
  import: { A: 'cs', B: 'qc' },
  destruction: { A: 'cs', B: 'it' },
  recordings: { A: 'cs', B: 'it' },
  backup: { A: 'cs', B: 'qc' },
};

/** How a ceremony ended. */
export const CEREMONY_OUTCOMES = ['committed', 'refused', 'failed', 'cancelled', 'abandoned'] as const;
export type CeremonyOutcome = (typeof CEREMONY_OUTCOMES)[number];

/** Why a custodian was not admitted into a ceremony. */
export const CUSTODIAN_REFUSALS = [
  'unknown',
  'role',
  'sameAccount',
  'passwordChange',
  'changedSinceSignIn',
  'locked',
  'credentials',
] as const;
export type CustodianRefusal = (typeof CUSTODIAN_REFUSALS)[number];
