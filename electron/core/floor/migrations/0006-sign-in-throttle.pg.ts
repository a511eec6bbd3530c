/**
 * Schema 6 (floor), PostgreSQL only: a seat may witness at most SIGN_IN_BURST failed or refused
 * sign-ins a minute. Without a limit, a seat's certificate (readable by whoever sits at it) and a
 * script could call auth_begin with made-up names, or auth_refused on a locked one, without end:
 * rows on the server without bound, and every one of them chained by the next sign-in anywhere.
 * Over the limit the call fails whole (SR004, 'throttled:<ms until a slot frees>'), so nothing is
 * counted and no ticket is issued; sign-ins whose password was right leave no row and never count.
 * A human at a seat types far fewer; other seats are not affected.
 */
export const SIGN_IN_BURST = 20;
const WINDOW_MS = 60_000;

export const floor0006 = { version: 6, name: 'sign-in-throttle', up: '', compat: 5 } as const;

export const floor0006Pg = `
  CREATE INDEX login_events_seat_at ON login_events (seat_role, at);

  CREATE FUNCTION login_events_throttle() RETURNS trigger
    LANGUAGE plpgsql SET search_path = strongroom, pg_catalog, pg_temp AS $$
  DECLARE
    v_recent integer;
    v_oldest bigint;
  BEGIN
    -- A lock comes with the failure that set it, which was counted.
    IF NEW.kind = 'locked' THEN
      RETURN NEW;
    END IF;
    -- One seat's attempts count one after another, so two at once can't both take the last slot.
    PERFORM pg_advisory_xact_lock(hashtextextended('strongroom.sign-in:' || NEW.seat_role, 0));
    SELECT count(*), min(e.at) INTO v_recent, v_oldest FROM login_events e
     WHERE e.seat_role = NEW.seat_role AND e.kind <> 'locked' AND e.at > NEW.at - ${WINDOW_MS};
    IF v_recent >= ${SIGN_IN_BURST} THEN
      RAISE EXCEPTION 'throttled:%', GREATEST(1, v_oldest + ${WINDOW_MS} - NEW.at) USING ERRCODE = 'SR004';
    END IF;
    RETURN NEW;
  END $$;
  REVOKE ALL ON FUNCTION login_events_throttle() FROM PUBLIC;
  CREATE TRIGGER login_events_throttle BEFORE INSERT ON login_events
    FOR EACH ROW EXECUTE FUNCTION login_events_throttle();
`;
