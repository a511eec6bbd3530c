/** Schema 1 (audit): the hash-chained access log. */
export const audit0001 = {
  version: 1,
  name: 'audit-events',
  up: `
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
