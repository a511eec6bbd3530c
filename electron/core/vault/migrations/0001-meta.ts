/** Schema 1 (vault): the vault's own key/value facts. */
export const meta0001 = {
  version: 1,
  name: 'meta',
  up: `
    CREATE TABLE meta (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;
  `,
} as const;
