/** Schema 2 (accounts), PostgreSQL: password history and why an account was closed. */
export const accounts0002Pg = `
  CREATE TABLE password_history (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts(id),
    verifier   text NOT NULL,
    set_at     bigint NOT NULL
  );
  CREATE INDEX password_history_account ON password_history (account_id, id);

  ALTER TABLE accounts ADD COLUMN closed_reason text;
`;
