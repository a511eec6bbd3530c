/** Schema 1 (accounts), PostgreSQL: one row per account; keyslots are in their own table. */
export const accounts0001Pg = `
  CREATE TABLE accounts (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username             text NOT NULL UNIQUE,
    display_name         text NOT NULL,
    role                 text NOT NULL,
    state                text NOT NULL CHECK (state IN ('active', 'closed')),
    must_change_password integer NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
    password_changed_at  bigint NOT NULL,
    created_at           bigint NOT NULL,
    created_by           bigint REFERENCES accounts(id),
    closed_at            bigint,
    last_login_at        bigint
  );
`;
