/** Schema 1: vault metadata, accounts, and the hash-chained access log. */
export const migration0001 = {
  version: 1,
  name: 'initial',
  up: `
    CREATE TABLE meta (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

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

    CREATE TABLE audit_events (
      seq      INTEGER PRIMARY KEY,
      at       INTEGER NOT NULL,
      actor    TEXT,
      actor_id INTEGER,
      seat     TEXT,
      action   TEXT NOT NULL,
      object   TEXT,
      outcome  TEXT NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),
      detail   TEXT NOT NULL,
      hash     BLOB NOT NULL
    ) STRICT;
    CREATE INDEX audit_events_actor ON audit_events (actor, seq);
    CREATE INDEX audit_events_action ON audit_events (action, seq);
    CREATE INDEX audit_events_at ON audit_events (at);
  `,
} as const;
