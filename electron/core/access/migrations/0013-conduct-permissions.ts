/**
 * Schema 13 (access): collection conduct's permissions (shared/permissions.ts) for vaults made
 * before: calls, overrides, complaints, payments, the holiday calendar, the lead's board, a
 * manager's extension of the first-contact deadline.
 */
export const access0013 = {
  version: 13,
  name: 'conduct-permissions',
  up: `
    INSERT INTO role_permissions (role, permission) VALUES
      ('agent_phone', 'contact.make'), ('agent_field', 'contact.make'), ('team_lead', 'contact.make'),
      ('team_lead', 'contact.override'),
      ('team_lead', 'complaint.manage'), ('qc', 'complaint.manage'),
      ('team_lead', 'payment.record'), ('qc', 'payment.record'),
      ('it', 'holiday.manage'), ('director', 'holiday.approve'), ('qc', 'holiday.approve'),
      ('team_lead', 'conduct.board'), ('project_lead', 'conduct.board'), ('director', 'conduct.board'),
      ('qc', 'conduct.board'), ('director', 'case.extendFirstContact'),
      ('team_lead', 'visit.approve'), ('director', 'visit.approve')
    ON CONFLICT DO NOTHING;
  `,
} as const;
