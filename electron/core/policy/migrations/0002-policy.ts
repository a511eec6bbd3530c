/** Schema 2 (policy): settings IT changed from the defaults (within bounds, logged). */
export const policy0002 = {
  version: 2,
  name: 'policy',
  up: `
    CREATE TABLE policy (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;
  `,
} as const;
