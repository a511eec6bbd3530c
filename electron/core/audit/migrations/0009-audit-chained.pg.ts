/**
 * Schema 9 (audit), PostgreSQL only: a log row holds the bytes its MAC covers, and nothing else
 * to read (docs/floor-audit.md, "Stored as chained"). audit_log keeps seq, the chained JSON
 * (canonicalEvent's bytes), the hash and the pending row it came from; audit_events becomes a
 * view that reads every field out of that JSON. verify then MACs the stored text as it is,
 * without the server escaping each column again, and a field can't differ from what was
 * chained: there is no second copy of it to edit. The rows of schema 8 are carried over with
 * the bytes verify built for them. Older clients wrote the columns, so none of them may run.
 */
export const audit0009 = { version: 9, name: 'audit-chained', up: '' } as const;

const NAME = `'^n1:[A-Za-z0-9_-]+$'`;

/** Field i of the chained array (canonicalEvent's order), as text. */
const field = (i: number) => `(chained::jsonb ->> ${i})`;
const kind = (i: number) => `jsonb_typeof(chained::jsonb -> ${i})`;

/** The JSON entry verify built from schema 8's columns: canonicalEvent's bytes for a row. */
const json = (column: string) => `COALESCE(to_json(${column})::text, 'null')`;
const asChained = `concat('[', ${[
  'seq::text',
  'at::text',
  json('actor'),
  "COALESCE(actor_id::text, 'null')",
  json('seat'),
  json('action'),
  json('object'),
  json('outcome'),
  json('detail'),
].join(", ',', ")}, ']')`;

export const audit0009Pg = `
  CREATE TABLE audit_log (
    seq        bigint PRIMARY KEY CHECK (seq >= 1),
    chained    text NOT NULL,
    hash       bytea NOT NULL,
    pending_id bigint UNIQUE REFERENCES audit_pending(id),
    -- What the columns of schema 8 held NOT NULL or checked, now held of the chained JSON. Each
    -- part is false, never null (a CHECK passes on null), once the array has its nine fields.
    CONSTRAINT audit_log_shape CHECK (
      jsonb_typeof(chained::jsonb) = 'array' AND jsonb_array_length(chained::jsonb) = 9
      AND ${kind(0)} = 'number' AND ${field(0)}::numeric = seq
      AND ${kind(1)} = 'number'
      AND ${kind(2)} IN ('string', 'null') AND ${kind(3)} IN ('number', 'null') AND ${kind(4)} IN ('string', 'null')
      AND ${kind(5)} = 'string' AND ${kind(6)} IN ('string', 'null')
      AND ${kind(7)} = 'string' AND ${field(7)} IN ('ok', 'denied', 'failed') AND ${kind(8)} = 'string'),
    CONSTRAINT audit_log_actor_sealed CHECK (${field(2)} IS NULL OR ${field(2)} ~ ${NAME})
  );
  INSERT INTO audit_log (seq, chained, hash, pending_id)
    SELECT seq, ${asChained}, hash, pending_id FROM audit_events ORDER BY seq;
  DROP TABLE audit_events;

  -- The readers' columns, each read out of the chained bytes. security_invoker: a seat reads
  -- through the view under audit_log's row-level security, not as the view's owner.
  CREATE VIEW audit_events WITH (security_invoker = true) AS
    SELECT seq,
           ${field(1)}::bigint AS at,
           ${field(2)} AS actor,
           ${field(3)}::bigint AS actor_id,
           ${field(4)} AS seat,
           ${field(5)} AS action,
           ${field(6)} AS object,
           ${field(7)} AS outcome,
           ${field(8)} AS detail,
           hash,
           pending_id
      FROM audit_log;
  -- The same expressions as the view's, so the planner finds them for its filters.
  CREATE INDEX audit_log_actor ON audit_log (${field(2)}, seq);
  CREATE INDEX audit_log_action ON audit_log (${field(5)}, seq);
  CREATE INDEX audit_log_at ON audit_log ((${field(1)}::bigint));

  CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_events_refuse();
  CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse();

  GRANT SELECT, INSERT ON audit_log TO {{seats}};
  GRANT SELECT ON audit_events TO {{seats}};
  ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
  CREATE POLICY in_session ON audit_log TO {{seats}}
    USING ((SELECT strongroom.session_ok())) WITH CHECK ((SELECT strongroom.session_ok()));
`;
