/**
 * Schema 4 (floor), PostgreSQL only: the floor's own tables, what a seat may touch, row-level
 * security and the access log's guards (docs/floor-schema.md). Runs as the floor's owner;
 * migrate() fills in {{owner}} and {{seats}}. The functions are in the file beside this one.
 * Self-contained: the table lists are this version's, not imported domain code.
 */
import { floor0004FunctionsPg } from './0004-floor-functions.pg';

/** Every business table at this version: a seat reaches their rows only inside an app session. */
const BUSINESS_TABLES = [
  'accounts',
  'password_history',
  'seats',
  'seat_bindings',
  'policy',
  'role_permissions',
  'notice_receipts',
  'meta',
  'key_epochs',
] as const;
/** Of those, the ones domain code deletes rows from (seat-repository, role-permissions, epoch-keys). */
const DELETED_FROM = ['seat_bindings', 'role_permissions', 'key_epochs'] as const;
/** Row-level security: the business tables and the access log. */
const IN_SESSION_ONLY = [...BUSINESS_TABLES, 'audit_events'] as const;

// The scalar subquery makes the check one evaluation per statement (an InitPlan), not one per row.
const rowLevelSecurity = IN_SESSION_ONLY.map(
  (table) => `
  ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
  CREATE POLICY in_session ON ${table} TO {{seats}}
    USING ((SELECT strongroom.session_ok())) WITH CHECK ((SELECT strongroom.session_ok()));`,
).join('');

const tables = `
  GRANT USAGE ON SCHEMA strongroom TO {{seats}};

  -- One row: the floor's public facts, read by seats before anyone signs in.
  CREATE TABLE floor_info (
    only_row    integer PRIMARY KEY DEFAULT 1 CHECK (only_row = 1),
    vault_id    text NOT NULL,
    lookup_salt text NOT NULL CHECK (lookup_salt ~ '^[0-9a-f]{64}$'),
    epoch       bigint NOT NULL CHECK (epoch >= 1),
    generation  bigint NOT NULL DEFAULT 1 CHECK (generation >= 1),
    created_at  bigint NOT NULL
  );

  -- One row no seat may read: the key unknown names' decoy KDF salts are made with.
  CREATE TABLE floor_secrets (
    only_row  integer PRIMARY KEY DEFAULT 1 CHECK (only_row = 1),
    decoy_key bytea NOT NULL CHECK (octet_length(decoy_key) = 32)
  );
  INSERT INTO floor_secrets (decoy_key) VALUES (strongroom.gen_random_bytes(32));

  -- One per account that can sign in: the keyslot JSON and the key its sign-in proof is checked with.
  CREATE TABLE keyslots (
    account_id bigint PRIMARY KEY REFERENCES accounts(id),
    lookup     text NOT NULL UNIQUE CHECK (lookup ~ '^[0-9a-f]{64}$'),
    slot       text NOT NULL,
    auth_key   bytea NOT NULL CHECK (octet_length(auth_key) = 32),
    epoch      bigint NOT NULL CHECK (epoch >= 1),
    updated_at bigint NOT NULL
  );

  -- Failures and locks per lookup, known names and unknown alike (preauth-journal.ts's counters).
  CREATE TABLE login_state (
    lookup          text PRIMARY KEY,
    failures        integer NOT NULL CHECK (failures >= 0),
    locked_until    bigint,
    last_failure_at bigint NOT NULL
  );

  -- Issued by auth_begin; a decoy (unknown name) has no account and no gate value.
  CREATE TABLE auth_tickets (
    ticket     bigint PRIMARY KEY,
    lookup     text NOT NULL,
    account_id bigint REFERENCES accounts(id),
    gate       bigint,
    challenge  bytea NOT NULL CHECK (octet_length(challenge) = 32),
    issued_at  bigint NOT NULL,
    issued_xid xid8 NOT NULL,
    issued_to  text NOT NULL,
    CHECK ((account_id IS NULL) = (gate IS NULL))
  );
  CREATE INDEX auth_tickets_lookup ON auth_tickets (lookup);

  -- App sessions: only the token's SHA-256 is kept, with the seat role it was opened for.
  CREATE TABLE app_sessions (
    token_hash bytea PRIMARY KEY CHECK (octet_length(token_hash) = 32),
    account_id bigint NOT NULL REFERENCES accounts(id),
    seat_role  text NOT NULL,
    opened_at  bigint NOT NULL,
    closed_at  bigint
  );
  CREATE INDEX app_sessions_open ON app_sessions (account_id) WHERE closed_at IS NULL;

  -- The server processes (backends) that have acted in each session, for close_sessions to end.
  CREATE TABLE app_session_backends (
    token_hash bytea NOT NULL REFERENCES app_sessions(token_hash),
    pid        integer NOT NULL,
    PRIMARY KEY (token_hash, pid)
  );

  -- What the sign-in functions witnessed before anyone was signed in (the embedded store's
  -- pre-login journal, kept by the server): a counted failure (and the lock it set), or a
  -- refusal. auth_finish deletes its ticket's rows when the password was right; the next
  -- sign-in takes the rest and chains them (docs/floor-schema.md, "Sign-in events").
  CREATE TABLE login_events (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at         bigint NOT NULL,
    lookup     text NOT NULL,
    account_id bigint REFERENCES accounts(id),
    seat_role  text NOT NULL,
    kind       text NOT NULL CHECK (kind IN ('failed', 'locked', 'refused')),
    failures   integer,
    until      bigint,
    ticket     bigint,
    taken      integer NOT NULL DEFAULT 0 CHECK (taken IN (0, 1))
  );
  CREATE INDEX login_events_open ON login_events (id) WHERE taken = 0;
`;

const grants = `
  GRANT SELECT ON schema_info, floor_info TO {{seats}};
  GRANT SELECT, INSERT, UPDATE ON ${BUSINESS_TABLES.join(', ')} TO {{seats}};
  GRANT DELETE ON ${DELETED_FROM.join(', ')} TO {{seats}};
  -- The access log: written and read, never changed. Its seq comes from the chain, not a sequence.
  GRANT SELECT, INSERT ON audit_events TO {{seats}};
  ${rowLevelSecurity}
`;

const guards = `
  -- Even if a grant slips, or for the owner itself: log rows are never changed or removed.
  CREATE FUNCTION audit_events_refuse() RETURNS trigger
    LANGUAGE plpgsql SET search_path = strongroom, pg_catalog, pg_temp AS $$
  BEGIN
    RAISE EXCEPTION 'the access log is append-only' USING ERRCODE = 'SR001';
  END $$;
  REVOKE ALL ON FUNCTION audit_events_refuse() FROM PUBLIC;
  CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_refuse();
  CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse();

  -- Policy and the role matrix: the generation moves in the same transaction as the change. Per
  -- row, not per statement: a statement that changed nothing (row-level security hid every
  -- row) must not move it.
  CREATE FUNCTION floor_generation_bump() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = strongroom, pg_catalog, pg_temp AS $$
  BEGIN
    UPDATE floor_info SET generation = generation + 1;
    -- Only a hint, sent at commit (anyone may NOTIFY; seats re-read floor_info either way).
    PERFORM pg_notify('strongroom_settings', '');
    RETURN NULL;
  END $$;
  REVOKE ALL ON FUNCTION floor_generation_bump() FROM PUBLIC;
  CREATE TRIGGER policy_generation AFTER INSERT OR UPDATE OR DELETE ON policy
    FOR EACH ROW EXECUTE FUNCTION floor_generation_bump();
  CREATE TRIGGER policy_generation_truncate AFTER TRUNCATE ON policy
    FOR EACH STATEMENT EXECUTE FUNCTION floor_generation_bump();
  CREATE TRIGGER role_permissions_generation AFTER INSERT OR UPDATE OR DELETE ON role_permissions
    FOR EACH ROW EXECUTE FUNCTION floor_generation_bump();
  CREATE TRIGGER role_permissions_generation_truncate AFTER TRUNCATE ON role_permissions
    FOR EACH STATEMENT EXECUTE FUNCTION floor_generation_bump();

  -- The vault key's epoch as seats read it follows key_epochs (a rotation adds the next row).
  CREATE FUNCTION floor_epoch_follow() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = strongroom, pg_catalog, pg_temp AS $$
  BEGIN
    UPDATE floor_info SET epoch = GREATEST(epoch, (SELECT max(k.epoch) FROM key_epochs k));
    RETURN NULL;
  END $$;
  REVOKE ALL ON FUNCTION floor_epoch_follow() FROM PUBLIC;
  CREATE TRIGGER key_epochs_floor_epoch AFTER INSERT OR UPDATE ON key_epochs
    FOR EACH STATEMENT EXECUTE FUNCTION floor_epoch_follow();
`;

export const floor0004 = { version: 4, name: 'floor', up: '' } as const;

export const floor0004Pg = `${tables}\n${floor0004FunctionsPg}\n${grants}\n${guards}`;
