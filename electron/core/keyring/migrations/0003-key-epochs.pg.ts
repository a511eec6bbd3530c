/** Schema 3 (keyring), PostgreSQL: one row per vault-key epoch, sealed under the current VMK. */
export const keyring0003Pg = `
  CREATE TABLE key_epochs (
    epoch      bigint PRIMARY KEY CHECK (epoch >= 1),
    first_seq  bigint NOT NULL UNIQUE CHECK (first_seq >= 1),
    started_at bigint NOT NULL,
    sealed     bytea NOT NULL
  );
`;
