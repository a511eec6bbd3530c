/**
 * Schema 4 (floor), PostgreSQL only: the functions that stand between a seat and the secrets —
 * sign-in in two steps, app sessions, keyslots (docs/floor-schema.md). Each is SECURITY DEFINER
 * (runs as the owner) with its search_path pinned and pg_temp last; PUBLIC may execute none of
 * them and seats only the ones granted at the end. SQLSTATEs: SR001 refused, SR002 locked,
 * SR003 no live app session.
 */

/** Pinned on every function: our schema, then the catalog, then (never first) temporary objects. */
const PINNED = 'SET search_path = strongroom, pg_catalog, pg_temp';

/** How long a ticket is good for: Argon2id at the floor's parameters takes seconds, not minutes. */
const TICKET_MS = 10 * 60_000;

const helpers = `
  -- The server's clock in epoch milliseconds: a seat's own clock never decides a lock.
  CREATE FUNCTION now_ms() RETURNS bigint
    LANGUAGE sql VOLATILE ${PINNED}
    AS $$ SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint $$;

  -- An integer policy setting (JSON text), or its default when unset or outside its bounds
  -- (policy.ts: DEFAULT_POLICY and PolicySchema).
  CREATE FUNCTION policy_int(p_key text, p_default integer, p_min integer, p_max integer) RETURNS integer
    LANGUAGE plpgsql STABLE ${PINNED} AS $$
  DECLARE
    v jsonb;
  BEGIN
    SELECT p.value::jsonb INTO v FROM policy p WHERE p.key = p_key;
    IF v IS NULL OR jsonb_typeof(v) <> 'number' OR v::numeric <> trunc(v::numeric)
       OR v::numeric < p_min OR v::numeric > p_max THEN
      RETURN p_default;
    END IF;
    RETURN v::numeric::integer;
  EXCEPTION WHEN invalid_text_representation THEN
    RETURN p_default;
  END $$;

  -- The account of a live app session opened for this seat role, or SR003.
  CREATE FUNCTION session_account(p_token bytea) RETURNS bigint
    LANGUAGE plpgsql STABLE ${PINNED} AS $$
  DECLARE
    v_account bigint;
  BEGIN
    SELECT s.account_id INTO v_account FROM app_sessions s JOIN accounts a ON a.id = s.account_id
     WHERE s.token_hash = strongroom.digest(p_token, 'sha256') AND s.closed_at IS NULL
       AND a.state = 'active' AND s.seat_role = session_user;
    IF v_account IS NULL THEN
      RAISE EXCEPTION 'no live app session' USING ERRCODE = 'SR003';
    END IF;
    RETURN v_account;
  END $$;

  -- The session-level advisory lock key a backend holds while it acts in a session: the first
  -- 8 bytes of the token's hash. Unlike a row, it is there at once and outlives any rollback,
  -- so close_sessions finds a backend whose first act_as has not committed.
  CREATE FUNCTION session_lock_key(p_hash bytea) RETURNS bigint
    LANGUAGE sql IMMUTABLE ${PINNED}
    AS $$ SELECT ('x' || encode(substring(p_hash FROM 1 FOR 8), 'hex'))::bit(64)::bigint $$;

  -- Whether an active account's role holds a permission in the role matrix.
  CREATE FUNCTION account_may(p_account bigint, p_permission text) RETURNS boolean
    LANGUAGE sql STABLE ${PINNED} AS $$
    SELECT EXISTS (
      SELECT 1 FROM accounts a JOIN role_permissions rp ON rp.role = a.role
       WHERE a.id = p_account AND a.state = 'active' AND rp.permission = p_permission)
  $$;

  -- The account's gate: a ticket is good only while nothing else has drawn from it.
  CREATE FUNCTION gate_of(p_account bigint) RETURNS regclass
    LANGUAGE sql STABLE ${PINNED}
    AS $$ SELECT format('strongroom.%I', 'gate_' || p_account)::regclass $$;

  -- KDF parameters for a name no account has: a real slot's shape (the first account's), with a
  -- salt that is stable per name and tells nothing without the decoy key.
  CREATE FUNCTION decoy_kdf(p_lookup text) RETURNS text
    LANGUAGE sql STABLE ${PINNED} AS $$
    SELECT jsonb_set(
             coalesce((SELECT k.slot::jsonb -> 'kdf' FROM keyslots k ORDER BY k.account_id LIMIT 1),
                      '{"alg": "argon2id", "m": 65536, "t": 3, "p": 4, "salt": ""}'::jsonb),
             '{salt}',
             to_jsonb(encode(substring(strongroom.hmac(convert_to(p_lookup, 'UTF8'),
                                                       (SELECT s.decoy_key FROM floor_secrets s), 'sha256')
                                       FROM 1 FOR 16), 'base64')))::text
  $$;

  -- Writes an account's keyslot and moves its gate (tickets issued for the old slot die).
  -- The owner calls it directly at init (insertFirstKeyslot); seats only through keyslot_put.
  CREATE FUNCTION keyslot_store(p_account_id bigint, p_lookup text, p_slot text, p_auth_key bytea, p_epoch bigint)
    RETURNS void LANGUAGE plpgsql VOLATILE ${PINNED} AS $$
  BEGIN
    IF jsonb_typeof(p_slot::jsonb -> 'kdf') IS DISTINCT FROM 'object' THEN
      RAISE EXCEPTION 'a keyslot names its KDF' USING ERRCODE = '22023';
    END IF;
    INSERT INTO keyslots (account_id, lookup, slot, auth_key, epoch, updated_at)
      VALUES (p_account_id, p_lookup, p_slot, p_auth_key, p_epoch, strongroom.now_ms())
      ON CONFLICT (account_id) DO UPDATE SET lookup = excluded.lookup, slot = excluded.slot,
        auth_key = excluded.auth_key, epoch = excluded.epoch, updated_at = excluded.updated_at;
    EXECUTE format('CREATE SEQUENCE IF NOT EXISTS strongroom.%I', 'gate_' || p_account_id);
    PERFORM nextval(strongroom.gate_of(p_account_id));
  END $$;
`;

const signIn = `
  -- Step 1: refuses a locked name (SR002, 'locked:<until-ms>', DETAIL 'now:<ms>'); otherwise
  -- counts a failure and issues a ticket, both committed together by the caller's transaction.
  -- failures and locks_until are the name's count and lock end should this attempt fail.
  -- p_token: a live app session checking a password again (re-authentication, an approval) logs
  -- the attempt itself, so no sign-in event is kept for it.
  CREATE FUNCTION auth_begin(p_lookup text, p_token bytea DEFAULT NULL, OUT ticket bigint, OUT challenge bytea,
                             OUT kdf text, OUT failures integer, OUT locks_until bigint)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER ${PINNED} AS $$
  DECLARE
    v_now bigint := strongroom.now_ms();
    v_threshold integer := strongroom.policy_int('lockoutThreshold', 3, 1, 3);
    v_span bigint := strongroom.policy_int('lockoutMinutes', 30, 30, 1440)::bigint * 60000;
    v_locked_until bigint;
    v_failures integer;
    v_slot keyslots;
    v_gate bigint;
  BEGIN
    IF p_lookup IS NULL OR p_lookup !~ '^[0-9a-f]{64}$' THEN
      RAISE EXCEPTION 'a lookup is 64 hex digits' USING ERRCODE = '22023';
    END IF;
    -- The name's row, locked before it is read: concurrent attempts (at any isolation level)
    -- count one after another, and none gets past a lock another has just set.
    INSERT INTO login_state (lookup, failures, locked_until, last_failure_at)
      VALUES (p_lookup, 0, NULL, v_now) ON CONFLICT (lookup) DO NOTHING;
    SELECT l.failures, l.locked_until INTO v_failures, v_locked_until
      FROM login_state l WHERE l.lookup = p_lookup FOR UPDATE;
    IF v_locked_until > v_now THEN
      RAISE EXCEPTION 'locked:%', v_locked_until USING ERRCODE = 'SR002', DETAIL = 'now:' || v_now;
    END IF;
    -- preauth-journal.ts recordFailure: a lock that has run out starts a fresh count.
    IF v_locked_until IS NOT NULL THEN
      v_failures := 0;
    END IF;
    v_failures := v_failures + 1;
    v_locked_until := CASE WHEN v_failures >= v_threshold THEN v_now + v_span END;
    UPDATE login_state l SET failures = v_failures, locked_until = v_locked_until, last_failure_at = v_now
     WHERE l.lookup = p_lookup;
    failures := v_failures;
    locks_until := v_locked_until;

    SELECT * INTO v_slot FROM keyslots k WHERE k.lookup = p_lookup;
    IF FOUND THEN
      v_gate := nextval(strongroom.gate_of(v_slot.account_id));
      kdf := (v_slot.slot::jsonb -> 'kdf')::text;
    ELSE
      kdf := strongroom.decoy_kdf(p_lookup);
    END IF;
    -- Older tickets for the name are dead already (the gate moved); a decoy's go the same way.
    DELETE FROM auth_tickets t WHERE t.lookup = p_lookup;
    -- Random, and below 2^53: 64-bit integers reach the client as JS numbers.
    ticket := ('x' || encode(strongroom.gen_random_bytes(8), 'hex'))::bit(64)::bigint & 9007199254740991;
    challenge := strongroom.gen_random_bytes(32);
    INSERT INTO auth_tickets (ticket, lookup, account_id, gate, challenge, issued_at, issued_xid, issued_to)
      VALUES (ticket, p_lookup, v_slot.account_id, v_gate, challenge, v_now, pg_current_xact_id(), session_user);
    IF p_token IS NOT NULL THEN
      PERFORM strongroom.session_account(p_token);
      RETURN;
    END IF;
    INSERT INTO login_events (at, lookup, account_id, seat_role, kind, failures, ticket)
      VALUES (v_now, p_lookup, v_slot.account_id, session_user, 'failed', v_failures, ticket);
    IF v_locked_until IS NOT NULL THEN
      INSERT INTO login_events (at, lookup, account_id, seat_role, kind, until, ticket)
        VALUES (v_now, p_lookup, v_slot.account_id, session_user, 'locked', v_locked_until, ticket);
    END IF;
  END $$;

  -- After auth_begin refused a locked name (SR002, which undid everything it wrote): records the
  -- refusal, if the name is locked indeed. An honest client always calls it; a seat that skips
  -- it hides only its own refused attempt, which changed nothing.
  CREATE FUNCTION auth_refused(p_lookup text) RETURNS boolean
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER ${PINNED} AS $$
  DECLARE
    v_now bigint := strongroom.now_ms();
  BEGIN
    IF NOT EXISTS (SELECT 1 FROM login_state l WHERE l.lookup = p_lookup AND l.locked_until > v_now) THEN
      RETURN false;
    END IF;
    INSERT INTO login_events (at, lookup, account_id, seat_role, kind)
      VALUES (v_now, p_lookup, (SELECT k.account_id FROM keyslots k WHERE k.lookup = p_lookup), session_user, 'refused');
    RETURN true;
  END $$;

  -- Step 2: a right proof (HMAC-SHA256(auth key, challenge)) clears the name's failures, opens an
  -- app session and returns the keyslot; anything else returns no row and the failure stays.
  CREATE FUNCTION auth_finish(p_ticket bigint, p_proof bytea)
    RETURNS TABLE (account_id bigint, slot text, session_token bytea)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER ${PINNED} AS $$
  DECLARE
    v_now bigint := strongroom.now_ms();
    v_ticket auth_tickets;
    v_slot keyslots;
    v_drawn bigint;
    v_token bytea;
  BEGIN
    SELECT * INTO v_ticket FROM auth_tickets t WHERE t.ticket = p_ticket;
    IF NOT FOUND THEN
      RETURN;
    END IF;
    -- Its failure could still be rolled back with this transaction: no verdict for it.
    IF v_ticket.issued_xid = pg_current_xact_id() THEN
      RAISE EXCEPTION 'a ticket is finished in a later transaction than the one that issued it'
        USING ERRCODE = 'SR001';
    END IF;
    DELETE FROM auth_tickets t WHERE t.ticket = p_ticket;
    IF v_ticket.account_id IS NULL THEN
      RETURN;
    END IF;
    -- Drawn whatever follows: nextval is not undone by ROLLBACK, so a ticket is tried once.
    v_drawn := nextval(strongroom.gate_of(v_ticket.account_id));
    IF v_drawn <> v_ticket.gate + 1 OR v_ticket.issued_to <> session_user
       OR v_ticket.issued_at < v_now - ${TICKET_MS} THEN
      RETURN;
    END IF;
    SELECT * INTO v_slot FROM keyslots k
     WHERE k.account_id = v_ticket.account_id AND k.lookup = v_ticket.lookup;
    -- Compared as digests, so the time taken says nothing about how much of the proof was right.
    IF NOT FOUND OR strongroom.digest(strongroom.hmac(v_ticket.challenge, v_slot.auth_key, 'sha256'), 'sha256')
                    IS DISTINCT FROM strongroom.digest(p_proof, 'sha256') THEN
      RETURN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = v_slot.account_id AND a.state = 'active') THEN
      RETURN;
    END IF;
    DELETE FROM login_state l WHERE l.lookup = v_ticket.lookup;
    -- The password was right: the failure counted in advance was none.
    DELETE FROM login_events e WHERE e.ticket = p_ticket AND e.taken = 0;
    v_token := strongroom.gen_random_bytes(32);
    INSERT INTO app_sessions (token_hash, account_id, seat_role, opened_at)
      VALUES (strongroom.digest(v_token, 'sha256'), v_slot.account_id, session_user, v_now);
    account_id := v_slot.account_id;
    slot := v_slot.slot;
    session_token := v_token;
    RETURN NEXT;
  END $$;
`;

const sessions = `
  -- First in each of a seat's transactions: checks the session, records this backend (a row, and
  -- the session's advisory lock), and puts the token where session_ok() (row-level security)
  -- looks for it, for this transaction only.
  CREATE FUNCTION act_as(p_token bytea) RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER ${PINNED} AS $$
  DECLARE
    v_account bigint := strongroom.session_account(p_token);
    v_hash bytea := strongroom.digest(p_token, 'sha256');
    v_key bigint := strongroom.session_lock_key(v_hash);
    v_held text := current_setting('strongroom.backend_lock', true);
  BEGIN
    IF v_held IS DISTINCT FROM v_key::text THEN
      IF v_held ~ '^-?[0-9]{1,19}$' THEN
        PERFORM pg_advisory_unlock_shared(v_held::bigint);
      END IF;
      -- try: never wait on a key someone else holds exclusively.
      PERFORM pg_try_advisory_lock_shared(v_key);
      PERFORM set_config('strongroom.backend_lock', v_key::text, false);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM app_session_backends b WHERE b.token_hash = v_hash AND b.pid = pg_backend_pid()) THEN
      INSERT INTO app_session_backends (token_hash, pid) VALUES (v_hash, pg_backend_pid()) ON CONFLICT DO NOTHING;
    END IF;
    PERFORM set_config('strongroom.session', encode(p_token, 'hex'), true);
    RETURN v_account;
  END $$;

  -- Row-level security's test: this transaction's token names a live session of an active
  -- account, opened for this seat role, that this backend acted in (act_as).
  CREATE FUNCTION session_ok() RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER ${PINNED} AS $$
  DECLARE
    v_setting text := current_setting('strongroom.session', true);
  BEGIN
    IF v_setting IS NULL OR v_setting !~ '^[0-9a-f]{64}$' THEN
      RETURN false;
    END IF;
    RETURN EXISTS (
      SELECT 1 FROM app_sessions s
        JOIN accounts a ON a.id = s.account_id
        JOIN app_session_backends b ON b.token_hash = s.token_hash AND b.pid = pg_backend_pid()
       WHERE s.token_hash = strongroom.digest(decode(v_setting, 'hex'), 'sha256')
         AND s.closed_at IS NULL AND a.state = 'active' AND s.seat_role = session_user);
  END $$;

  -- Signs one session out; true when it was open.
  CREATE FUNCTION end_session(p_token bytea) RETURNS boolean
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER ${PINNED} AS $$
  BEGIN
    UPDATE app_sessions s SET closed_at = strongroom.now_ms()
     WHERE s.token_hash = strongroom.digest(p_token, 'sha256') AND s.closed_at IS NULL;
    RETURN FOUND;
  END $$;

  -- Ends the backends that acted in these sessions (recorded, or holding the session's advisory
  -- lock) and still run as the seat role that opened them; never the caller's own.
  CREATE FUNCTION session_backends_end(p_hashes bytea[]) RETURNS void
    LANGUAGE plpgsql VOLATILE ${PINNED} AS $$
  DECLARE
    v_pid integer;
  BEGIN
    FOR v_pid IN
      SELECT DISTINCT x.pid FROM (
          SELECT b.pid, s.seat_role FROM app_session_backends b JOIN app_sessions s ON s.token_hash = b.token_hash
           WHERE b.token_hash = ANY (p_hashes)
          UNION
          SELECT l.pid, s.seat_role FROM app_sessions s
            CROSS JOIN LATERAL (SELECT strongroom.session_lock_key(s.token_hash) AS key) k
            JOIN pg_locks l ON l.locktype = 'advisory' AND l.objsubid = 1
                           AND l.database = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())
                           AND l.classid::bigint = ((k.key >> 32) & 4294967295)
                           AND l.objid::bigint = (k.key & 4294967295)
           WHERE s.token_hash = ANY (p_hashes)
        ) x
        JOIN LATERAL pg_stat_get_activity(x.pid) act ON act.usesysid = to_regrole(x.seat_role)::oid
       WHERE x.pid <> pg_backend_pid()
    LOOP
      PERFORM pg_terminate_backend(v_pid);
    END LOOP;
  END $$;

  -- IT (account.manage) closes every session of an account and ends the backends that acted in
  -- them; returns how many sessions were open. Ends them before closing, and again after for
  -- any that acted in between (a transaction that began before this commits runs as if before it).
  CREATE FUNCTION close_sessions(p_token bytea, p_account_id bigint) RETURNS integer
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER ${PINNED} AS $$
  DECLARE
    v_caller bigint := strongroom.session_account(p_token);
    v_open bytea[];
  BEGIN
    IF NOT strongroom.account_may(v_caller, 'account.manage') THEN
      RAISE EXCEPTION 'closing sessions takes account.manage' USING ERRCODE = 'SR001';
    END IF;
    SELECT coalesce(array_agg(s.token_hash), '{}') INTO v_open FROM app_sessions s
     WHERE s.account_id = p_account_id AND s.closed_at IS NULL;
    PERFORM strongroom.session_backends_end(v_open);
    UPDATE app_sessions s SET closed_at = strongroom.now_ms() WHERE s.token_hash = ANY (v_open);
    PERFORM strongroom.session_backends_end(v_open);
    RETURN cardinality(v_open);
  END $$;

  -- IT (account.manage) clears a name's failures and lock; returns the failures it cleared.
  CREATE FUNCTION login_reset(p_token bytea, p_lookup text) RETURNS integer
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER ${PINNED} AS $$
  DECLARE
    v_failures integer;
  BEGIN
    IF NOT strongroom.account_may(strongroom.session_account(p_token), 'account.manage') THEN
      RAISE EXCEPTION 'unlocking a name takes account.manage' USING ERRCODE = 'SR001';
    END IF;
    DELETE FROM login_state l WHERE l.lookup = p_lookup RETURNING l.failures INTO v_failures;
    RETURN coalesce(v_failures, 0);
  END $$;

  -- A keyslot written by its own account (a password change) or by IT (account.manage).
  CREATE FUNCTION keyslot_put(p_token bytea, p_account_id bigint, p_lookup text, p_slot text,
                              p_auth_key bytea, p_epoch bigint) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER ${PINNED} AS $$
  DECLARE
    v_caller bigint := strongroom.session_account(p_token);
  BEGIN
    IF v_caller IS DISTINCT FROM p_account_id AND NOT strongroom.account_may(v_caller, 'account.manage') THEN
      RAISE EXCEPTION 'another account''s keyslot takes account.manage' USING ERRCODE = 'SR001';
    END IF;
    PERFORM strongroom.keyslot_store(p_account_id, p_lookup, p_slot, p_auth_key, p_epoch);
  END $$;
`;

const signInEvents = `
  -- The sign-in events whose attempt is over (ticket finished, replaced or expired), marked
  -- taken in the caller's transaction: chained by it, or left for the next if it rolls back.
  CREATE FUNCTION login_events_take(p_token bytea)
    RETURNS TABLE (id bigint, at bigint, account_id bigint, seat_role text, kind text, failures integer, until bigint)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER ${PINNED} AS $$
  BEGIN
    PERFORM strongroom.session_account(p_token);
    RETURN QUERY
      UPDATE login_events e SET taken = 1
       WHERE e.taken = 0
         AND NOT EXISTS (SELECT 1 FROM auth_tickets t
                          WHERE t.ticket = e.ticket AND t.issued_at >= strongroom.now_ms() - ${TICKET_MS})
      RETURNING e.id, e.at, e.account_id, e.seat_role, e.kind, e.failures, e.until;
  END $$;

  -- Failures and live locks of the given lookups (comma-separated): all of them for account.read,
  -- else only the caller's own.
  CREATE FUNCTION login_states(p_token bytea, p_lookups text)
    RETURNS TABLE (lookup text, failures integer, locked_until bigint)
    LANGUAGE plpgsql STABLE SECURITY DEFINER ${PINNED} AS $$
  DECLARE
    v_caller bigint := strongroom.session_account(p_token);
    v_all boolean := strongroom.account_may(v_caller, 'account.read');
    v_now bigint := strongroom.now_ms();
  BEGIN
    RETURN QUERY
      SELECT l.lookup, l.failures, CASE WHEN l.locked_until > v_now THEN l.locked_until END
        FROM login_state l
       WHERE l.lookup = ANY (string_to_array(p_lookups, ','))
         AND l.failures > 0
         AND (v_all OR l.lookup = (SELECT k.lookup FROM keyslots k WHERE k.account_id = v_caller));
  END $$;
`;

/** Internal helpers: no one but the owner (and the functions it owns) may call them. */
const INTERNAL = [
  'now_ms()',
  'policy_int(text, integer, integer, integer)',
  'session_account(bytea)',
  'session_lock_key(bytea)',
  'account_may(bigint, text)',
  'gate_of(bigint)',
  'decoy_kdf(text)',
  'keyslot_store(bigint, text, text, bytea, bigint)',
  'session_backends_end(bytea[])',
];
/** What seats may call. */
const FOR_SEATS = [
  'auth_begin(text, bytea)',
  'auth_refused(text)',
  'login_events_take(bytea)',
  'login_states(bytea, text)',
  'auth_finish(bigint, bytea)',
  'act_as(bytea)',
  'session_ok()',
  'end_session(bytea)',
  'close_sessions(bytea, bigint)',
  'login_reset(bytea, text)',
  'keyslot_put(bytea, bigint, text, text, bytea, bigint)',
];

const privileges = [
  ...[...INTERNAL, ...FOR_SEATS].map((f) => `REVOKE ALL ON FUNCTION ${f} FROM PUBLIC;`),
  ...FOR_SEATS.map((f) => `GRANT EXECUTE ON FUNCTION ${f} TO {{seats}};`),
].join('\n  ');

export const floor0004FunctionsPg = `${helpers}\n${signIn}\n${sessions}\n${signInEvents}\n  ${privileges}\n`;
