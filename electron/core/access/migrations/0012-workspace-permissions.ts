/**
 * Schema 12 (access): the agent's workspace's permissions (shared/permissions.ts) for vaults made
 * before: assigning cases, revealing a masked value, managing teams. The same on both stores.
 */
export const access0012 = {
  version: 12,
  name: 'workspace-permissions',
  up: `
    INSERT INTO role_permissions (role, permission) VALUES
      ('team_lead', 'case.assign'), ('director', 'case.assign'),
      ('agent_phone', 'case.reveal'), ('agent_field', 'case.reveal'), ('team_lead', 'case.reveal'),
      ('it', 'team.manage'), ('director', 'team.manage')
    ON CONFLICT DO NOTHING;
  `,
} as const;
