/**
 * Schema 10 (floor), PostgreSQL only: replacing the vault key on a floor (docs/floor-schema.md,
 * "Replacing the vault key"). An app session now belongs to the key epoch the floor was at when
 * it opened, and is refused (SR006) once the floor has moved on: its keys would seal new values
 * where whoever held the old key could read them. IT's session replaces the key through two
 * functions: rotation_slots gives it the public half of each active account's keyslot (never
 * the slot: that would allow guessing its password offline), and rotate_keys stores the new key
 * sealed to each, the epochs' keys sealed under it, and moves the floor and the caller's own
 * session to the new epoch, all in the caller's transaction. Clients older than 10 can't read
 * the epoch rows a rotation writes: no compat.
 */
export const floor0010 = { version: 10, name: 'key-rotation', up: '' } as const;

const PINNED = 'SET search_path = strongroom, pg_catalog, pg_temp';

export const floor0010Pg = `
  ALTER TABLE app_sessions ADD COLUMN epoch bigint;
  UPDATE app_sessions SET epoch = (SELECT f.epoch FROM floor_info f);
  ALTER TABLE app_sessions ALTER COLUMN epoch SET NOT NULL;

  -- A session opens at the floor's epoch: the keys its sign-in released are that epoch's.
  CREATE FUNCTION app_session_epoch() RETURNS trigger
    LANGUAGE plpgsql ${PINNED} AS $$
  BEGIN
    NEW.epoch := (SELECT f.epoch FROM floor_info f);
    RETURN NEW;
  END $$;
  REVOKE ALL ON FUNCTION app_session_epoch() FROM PUBLIC;
  CREATE TRIGGER app_sessions_epoch BEFORE INSERT ON app_sessions
    FOR EACH ROW EXECUTE FUNCTION app_session_epoch();

  -- As in schema 4, and SR006 for a live session from an older epoch (sign in again).
  CREATE OR REPLACE FUNCTION session_account(p_token bytea) RETURNS bigint
    LANGUAGE plpgsql STABLE ${PINNED} AS $$
  DECLARE
    v_account bigint;
    v_epoch bigint;
  BEGIN
    SELECT s.account_id, s.epoch INTO v_account, v_epoch FROM app_sessions s JOIN accounts a ON a.id = s.account_id
     WHERE s.token_hash = strongroom.digest(p_token, 'sha256') AND s.closed_at IS NULL
       AND a.state = 'active' AND s.seat_role = session_user;
    IF v_account IS NULL THEN
      RAISE EXCEPTION 'no live app session' USING ERRCODE = 'SR003';
    END IF;
    IF v_epoch IS DISTINCT FROM (SELECT f.epoch FROM floor_info f) THEN
      RAISE EXCEPTION 'the vault key was replaced after this session opened' USING ERRCODE = 'SR006';
    END IF;
    RETURN v_account;
  END $$;

  CREATE OR REPLACE FUNCTION session_ok() RETURNS boolean
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
         AND s.closed_at IS NULL AND a.state = 'active' AND s.seat_role = session_user
         AND s.epoch = (SELECT f.epoch FROM floor_info f));
  END $$;

  -- The public half of every active account's keyslot, for account.manage only.
  CREATE FUNCTION rotation_slots(p_token bytea)
    RETURNS TABLE (account_id bigint, slot_id text, public_key text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER ${PINNED} AS $$
  BEGIN
    IF NOT strongroom.account_may(strongroom.session_account(p_token), 'account.manage') THEN
      RAISE EXCEPTION 'replacing the vault key takes account.manage' USING ERRCODE = 'SR001';
    END IF;
    RETURN QUERY
      SELECT k.account_id, k.slot::jsonb ->> 'slotId', k.slot::jsonb ->> 'publicKey'
        FROM keyslots k JOIN accounts a ON a.id = k.account_id
       WHERE a.state = 'active' ORDER BY k.account_id;
  END $$;

  -- The new epoch p_epoch: p_seals maps each active account's id to the new key sealed to its
  -- slot's public key (every one of them, and no other); p_epochs holds every epoch's row
  -- (epoch, first_seq, started_at, sealed as hex) sealed under the new key. Slots of accounts
  -- that are no longer active go. Returns how many slots hold the new key.
  CREATE FUNCTION rotate_keys(p_token bytea, p_epoch bigint, p_seals text, p_epochs text) RETURNS integer
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER ${PINNED} AS $$
  DECLARE
    v_caller bigint := strongroom.session_account(p_token);
    v_seals jsonb := p_seals::jsonb;
    v_slots integer;
  BEGIN
    IF NOT strongroom.account_may(v_caller, 'account.manage') THEN
      RAISE EXCEPTION 'replacing the vault key takes account.manage' USING ERRCODE = 'SR001';
    END IF;
    PERFORM 1 FROM floor_info f WHERE f.epoch = p_epoch - 1 FOR UPDATE;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'the floor is not at the epoch before %', p_epoch USING ERRCODE = 'SR001';
    END IF;
    IF jsonb_typeof(v_seals) IS DISTINCT FROM 'object'
       OR EXISTS (SELECT 1 FROM keyslots k JOIN accounts a ON a.id = k.account_id
                   WHERE a.state = 'active'
                     AND jsonb_typeof(v_seals -> k.account_id::text) IS DISTINCT FROM 'object')
       OR EXISTS (SELECT 1 FROM jsonb_object_keys(v_seals) AS s(id)
                   WHERE NOT EXISTS (SELECT 1 FROM keyslots k JOIN accounts a ON a.id = k.account_id
                                      WHERE a.state = 'active' AND k.account_id::text = s.id)) THEN
      RAISE EXCEPTION 'the new key goes to every active account''s slot and no other' USING ERRCODE = '22023';
    END IF;
    DELETE FROM keyslots k WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = k.account_id AND a.state = 'active');
    UPDATE keyslots k SET slot = jsonb_set(k.slot::jsonb, '{vmk}', v_seals -> k.account_id::text)::text,
                          epoch = p_epoch, updated_at = strongroom.now_ms();
    GET DIAGNOSTICS v_slots = ROW_COUNT;
    DELETE FROM key_epochs;
    INSERT INTO key_epochs (epoch, first_seq, started_at, sealed)
      SELECT r.epoch, r.first_seq, r.started_at, decode(r.sealed, 'hex')
        FROM json_to_recordset(p_epochs::json) AS r(epoch bigint, first_seq bigint, started_at bigint, sealed text);
    IF (SELECT max(k.epoch) FROM key_epochs k) IS DISTINCT FROM p_epoch THEN
      RAISE EXCEPTION 'the newest epoch row must be epoch %', p_epoch USING ERRCODE = '22023';
    END IF;
    UPDATE floor_info SET epoch = p_epoch;
    UPDATE app_sessions s SET epoch = p_epoch WHERE s.token_hash = strongroom.digest(p_token, 'sha256');
    RETURN v_slots;
  END $$;

  REVOKE ALL ON FUNCTION rotation_slots(bytea) FROM PUBLIC;
  REVOKE ALL ON FUNCTION rotate_keys(bytea, bigint, text, text) FROM PUBLIC;
  GRANT EXECUTE ON FUNCTION rotation_slots(bytea) TO {{seats}};
  GRANT EXECUTE ON FUNCTION rotate_keys(bytea, bigint, text, text) TO {{seats}};
`;
