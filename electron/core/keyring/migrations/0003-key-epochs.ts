/**
 * Schema 3 (keyring): one row per vault-key epoch. The access log is chained under each epoch's
 * own audit key, so verifying it after a rotation needs the keys of the epochs before; they are
 * kept here sealed under the current VMK (docs/keyring-format.md, "Rotation").
 */
export const keyring0003 = {
  version: 3,
  name: 'key-epochs',
  up: `
    CREATE TABLE key_epochs (
      epoch      INTEGER PRIMARY KEY CHECK (epoch >= 1),
      first_seq  INTEGER NOT NULL UNIQUE CHECK (first_seq >= 1),
      started_at INTEGER NOT NULL,
      sealed     BLOB NOT NULL
    ) STRICT;
  `,
} as const;
