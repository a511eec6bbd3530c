/** 岗位 — the default role set from the floor's rules (policy.md). */
export const ROLES = [
  'agent_phone',
  'agent_field',
  'team_lead',
  'project_lead',
  'director',
  'admin',
  'qc',
  'it',
  'cs',
  'auditor',
  'gm',
] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
