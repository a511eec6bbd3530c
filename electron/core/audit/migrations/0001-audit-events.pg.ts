/**
 * Schema 1 (audit), PostgreSQL: the chained access log. Rows are written by whichever seat is
 * chaining (docs/floor-audit.md); `seq` comes from the chain, never from a sequence.
 */
export const audit0001Pg = `
  CREATE TABLE audit_events (
    seq      bigint PRIMARY KEY CHECK (seq >= 1),
    at       bigint NOT NULL,
    actor    text,
    actor_id bigint,
    seat     text,
    action   text NOT NULL,
    object   text,
    outcome  text NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),
    detail   text NOT NULL,
    hash     bytea NOT NULL
  );
  CREATE INDEX audit_events_actor ON audit_events (actor, seq);
  CREATE INDEX audit_events_action ON audit_events (action, seq);
  CREATE INDEX audit_events_at ON audit_events (at);
`;
