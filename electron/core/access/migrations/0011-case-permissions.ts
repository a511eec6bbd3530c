/**
 * Schema 11 (access): the permissions the import ceremony and case data bring, given to the
 * roles shipped with them (shared/permissions.ts) in vaults made before. Self-contained: literals.
 * The same statement runs on both stores.
 */
export const access0011 = {
  version: 11,
  name: 'case-permissions',
  up: `
    INSERT INTO role_permissions (role, permission) VALUES
      ('cs', 'import.run'), ('qc', 'import.run'), ('qc', 'case.readAll'), ('director', 'case.readAll')
    ON CONFLICT DO NOTHING;
  `,
} as const;
