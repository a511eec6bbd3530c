/** Schema 2 (policy), PostgreSQL: settings IT changed from the defaults. */
export const policy0002Pg = `
  CREATE TABLE policy (
    key   text PRIMARY KEY,
    value text NOT NULL
  );
`;
