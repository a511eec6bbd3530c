/**
 * Schema 5 (session), PostgreSQL only: what a floor's sign-in functions witnessed before anyone
 * was signed in (the embedded store's pre-login journal, kept by the server instead). auth_begin
 * writes a failure (and a lock, when it locks) or a refusal; auth_finish deletes its ticket's
 * rows when the password was right. The next sign-in takes the rows whose attempt is over and
 * chains them into the access log in its own transaction (docs/floor-schema.md, "Sign-in events").
 */
const PINNED = 'SET search_path = strongroom, pg_catalog, pg_temp';

export const session0005Pg = `
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

  -- The attempts that are over (their ticket finished, replaced or expired), marked taken in the
  -- caller's transaction: they are chained by it, or stay for the next one if it rolls back.
  CREATE FUNCTION login_events_take(p_token bytea)
    RETURNS TABLE (id bigint, at bigint, account_id bigint, seat_role text, kind text, failures integer, until bigint)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER ${PINNED} AS $$
  BEGIN
    PERFORM strongroom.session_account(p_token, true);
    RETURN QUERY
      UPDATE login_events e SET taken = 1
       WHERE e.taken = 0
         AND NOT EXISTS (SELECT 1 FROM auth_tickets t
                          WHERE t.ticket = e.ticket AND t.issued_at >= strongroom.now_ms() - 600000)
      RETURNING e.id, e.at, e.account_id, e.seat_role, e.kind, e.failures, e.until;
  END $$;

  -- Failures and locks of the given lookups (comma-separated), for IT's account list and for an
  -- account's own: account.read, or the caller's own lookup.
  CREATE FUNCTION login_states(p_token bytea, p_lookups text)
    RETURNS TABLE (lookup text, failures integer, locked_until bigint)
    LANGUAGE plpgsql STABLE SECURITY DEFINER ${PINNED} AS $$
  DECLARE
    v_caller bigint := strongroom.session_account(p_token, false);
    v_all boolean := strongroom.account_may(v_caller, 'account.read');
    v_now bigint := strongroom.now_ms();
  BEGIN
    RETURN QUERY
      SELECT l.lookup, l.failures,
             CASE WHEN l.locked_until > v_now THEN l.locked_until END
        FROM login_state l
       WHERE l.lookup = ANY (string_to_array(p_lookups, ','))
         AND (v_all OR l.lookup = (SELECT k.lookup FROM keyslots k WHERE k.account_id = v_caller))
         AND (l.locked_until IS NULL OR l.locked_until > v_now OR l.failures > 0)
         AND NOT (l.locked_until IS NOT NULL AND l.locked_until <= v_now);
  END $$;

  REVOKE ALL ON FUNCTION login_events_take(bytea) FROM PUBLIC;
  REVOKE ALL ON FUNCTION login_states(bytea, text) FROM PUBLIC;
  GRANT EXECUTE ON FUNCTION login_events_take(bytea) TO {{seats}};
  GRANT EXECUTE ON FUNCTION login_states(bytea, text) TO {{seats}};
`;
