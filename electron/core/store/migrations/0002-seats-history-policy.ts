/**
 * Schema 2: password history (Argon2id verifiers), seats and their bindings, the editable
 * role × permission matrix (seeded with the shipped defaults as they were at this version),
 * and policy settings. Self-contained: the seed is a literal, not imported domain code.
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

const seedRows = Object.entries(SEED)
  .flatMap(([role, perms]) => perms.map((p) => `('${role}', '${p}')`))
  .join(',\n      ');

export const migration0002 = {
  version: 2,
  name: 'seats-history-policy',
  up: `
    CREATE TABLE password_history (
      id         INTEGER PRIMARY KEY,
      account_id INTEGER NOT NULL REFERENCES accounts(id),
      verifier   TEXT NOT NULL,
      set_at     INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX password_history_account ON password_history (account_id, id);

    CREATE TABLE seats (
      seat_id        TEXT PRIMARY KEY,
      label          TEXT NOT NULL DEFAULT '',
      import_station INTEGER NOT NULL DEFAULT 0 CHECK (import_station IN (0, 1)),
      first_seen_at  INTEGER NOT NULL,
      last_seen_at   INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE seat_bindings (
      account_id INTEGER NOT NULL REFERENCES accounts(id),
      seat_id    TEXT NOT NULL REFERENCES seats(seat_id),
      bound_at   INTEGER NOT NULL,
      bound_by   INTEGER REFERENCES accounts(id),
      PRIMARY KEY (account_id, seat_id)
    ) STRICT;
    CREATE INDEX seat_bindings_seat ON seat_bindings (seat_id);

    CREATE TABLE role_permissions (
      role       TEXT NOT NULL,
      permission TEXT NOT NULL,
      PRIMARY KEY (role, permission)
    ) STRICT;
    INSERT INTO role_permissions (role, permission) VALUES
      ${seedRows};

    CREATE TABLE policy (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    ALTER TABLE accounts ADD COLUMN closed_reason TEXT;
  `,
} as const;
