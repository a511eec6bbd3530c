/** Schema 1 (accounts): one row per account; keyslots live in keyring.json. */
export const accounts0001 = {
  version: 1,
  name: 'accounts',
  up: `
    CREATE TABLE accounts (
      id                   INTEGER PRIMARY KEY,
      username             TEXT NOT NULL UNIQUE,
      display_name         TEXT NOT NULL,
      role                 TEXT NOT NULL,
      state                TEXT NOT NULL CHECK (state IN ('active', 'closed')),
      must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
      password_changed_at  INTEGER NOT NULL,
      created_at           INTEGER NOT NULL,
      created_by           INTEGER REFERENCES accounts(id),
      closed_at            INTEGER,
      last_login_at        INTEGER
    ) STRICT;
  `,
} as const;
