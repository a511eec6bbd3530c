/**
 * Schema 5 (audit), PostgreSQL only: "write now, chain later" (docs/floor-audit.md). A seat's
 * business transaction inserts its events into audit_pending, each MACed with the epoch's audit
 * key; whichever seat holds the chain lock moves committed pending rows into audit_events in
 * order, assigning seq and the chain hash. Nothing here is ever updated or deleted by a seat;
 * the chaining watermark is only a hint (verify counts pending rows left unchained).
 */
export const audit0005Pg = `
  CREATE TABLE audit_pending (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    xid      xid8 NOT NULL,
    epoch    bigint NOT NULL CHECK (epoch >= 1),
    nonce    bytea NOT NULL UNIQUE CHECK (octet_length(nonce) = 16),
    at       bigint NOT NULL,
    actor    text,
    actor_id bigint,
    seat     text,
    action   text NOT NULL,
    object   text,
    outcome  text NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),
    detail   text NOT NULL,
    mac      bytea NOT NULL CHECK (octet_length(mac) = 32)
  );
  CREATE INDEX audit_pending_xid ON audit_pending (xid);

  ALTER TABLE audit_events ADD COLUMN pending_id bigint UNIQUE REFERENCES audit_pending(id);

  -- One row: pending rows of transactions below this xid are all chained (or were refused).
  CREATE TABLE audit_chain_state (
    only_row  integer PRIMARY KEY DEFAULT 1 CHECK (only_row = 1),
    watermark xid8 NOT NULL
  );
  INSERT INTO audit_chain_state (watermark) VALUES ('0'::xid8);

  -- The writer's transaction id, whatever the insert said: a row can't hide below the watermark.
  CREATE FUNCTION audit_pending_stamp() RETURNS trigger
    LANGUAGE plpgsql SET search_path = strongroom, pg_catalog, pg_temp AS $$
  BEGIN
    NEW.xid := pg_current_xact_id();
    RETURN NEW;
  END $$;
  REVOKE ALL ON FUNCTION audit_pending_stamp() FROM PUBLIC;
  CREATE TRIGGER audit_pending_stamp BEFORE INSERT ON audit_pending
    FOR EACH ROW EXECUTE FUNCTION audit_pending_stamp();
  CREATE TRIGGER audit_pending_append_only BEFORE UPDATE OR DELETE ON audit_pending
    FOR EACH ROW EXECUTE FUNCTION audit_events_refuse();
  CREATE TRIGGER audit_pending_no_truncate BEFORE TRUNCATE ON audit_pending
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse();

  GRANT SELECT, INSERT ON audit_pending TO {{seats}};
  GRANT SELECT, UPDATE ON audit_chain_state TO {{seats}};
  ALTER TABLE audit_pending ENABLE ROW LEVEL SECURITY;
  CREATE POLICY in_session ON audit_pending TO {{seats}}
    USING ((SELECT strongroom.session_ok())) WITH CHECK ((SELECT strongroom.session_ok()));
  ALTER TABLE audit_chain_state ENABLE ROW LEVEL SECURITY;
  CREATE POLICY in_session ON audit_chain_state TO {{seats}}
    USING ((SELECT strongroom.session_ok())) WITH CHECK ((SELECT strongroom.session_ok()));
`;
