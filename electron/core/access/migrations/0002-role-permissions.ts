/**
 * Schema 2 (access): the editable role × permission matrix, seeded with the shipped defaults as
 * they were at this version. Self-contained: the seed is a literal, not imported domain code.
 */
const SEED: Record<string, string[]> = {
  it: [
    'account.read',
    'account.manage',
    'audit.read',
    'audit.verify',
    'audit.anchor',
    'audit.export',
    'seat.read',
    'seat.manage',
    'role.read',
    'role.manage',
    'policy.read',
    'policy.manage',
    'ledger.read',
  ],
  auditor: [
    'account.read',
    'audit.read',
    'audit.verify',
    'audit.anchor',
    'audit.export',
    'seat.read',
    'role.read',
    'policy.read',
    'ledger.read',
  ],
  gm: ['audit.read', 'ledger.read'],
};

/** The seed as SQL rows; the PostgreSQL file inserts the same rows. */
export const seedRows = Object.entries(SEED)
  .flatMap(([role, perms]) => perms.map((p) => `('${role}', '${p}')`))
  .join(',\n      ');

export const access0002 = {
  version: 2,
  name: 'role-permissions',
  up: `
    CREATE TABLE role_permissions (
      role       TEXT NOT NULL,
      permission TEXT NOT NULL,
      PRIMARY KEY (role, permission)
    ) STRICT;
    INSERT INTO role_permissions (role, permission) VALUES
      ${seedRows};
  `,
} as const;
