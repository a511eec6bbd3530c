/** Schema 2 (accounts): password history (Argon2id verifiers) and why an account was closed. */
export const accounts0002 = {
  version: 2,
  name: 'password-history',
  up: `
    CREATE TABLE password_history (
      id         INTEGER PRIMARY KEY,
      account_id INTEGER NOT NULL REFERENCES accounts(id),
      verifier   TEXT NOT NULL,
      set_at     INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX password_history_account ON password_history (account_id, id);

    ALTER TABLE accounts ADD COLUMN closed_reason TEXT;
  `,
} as const;
