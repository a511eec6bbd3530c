/** Schema 1 (vault), PostgreSQL: the vault's own key/value facts. */
export const meta0001Pg = `
  CREATE TABLE meta (
    key   text PRIMARY KEY,
    value text NOT NULL
  );
`;
