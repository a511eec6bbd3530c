/**
 * Schema 8 (audit), PostgreSQL only: audit_append(token, rows) logs events that come with no
 * other change (a refused or failed call, a search) in one statement instead of four (BEGIN and
 * act_as, INSERT, COMMIT): it checks the app session as act_as does and inserts the rows, MACed
 * by the client as ever, into audit_pending. The rows are a JSON array (bytea as hex); they are
 * stored as sent, so the MAC and the chain see the same bytes. Older clients keep their way.
 */
export const audit0008 = { version: 8, name: 'audit-append', up: '', compat: 7 } as const;

export const audit0008Pg = `
  CREATE FUNCTION audit_append(p_token bytea, p_rows text) RETURNS integer
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = strongroom, pg_catalog, pg_temp AS $$
  DECLARE
    v_n integer;
  BEGIN
    PERFORM strongroom.act_as(p_token);
    INSERT INTO audit_pending (epoch, nonce, at, actor, actor_id, seat, action, object, outcome, detail, mac)
      SELECT r.epoch, decode(r.nonce, 'hex'), r.at, r.actor, r.actor_id, r.seat, r.action, r.object, r.outcome,
             r.detail, decode(r.mac, 'hex')
        FROM json_to_recordset(p_rows::json) AS r(epoch bigint, nonce text, at bigint, actor text, actor_id bigint,
                                                   seat text, action text, object text, outcome text, detail text,
                                                   mac text);
    GET DIAGNOSTICS v_n = ROW_COUNT;
    RETURN v_n;
  END $$;
  REVOKE ALL ON FUNCTION audit_append(bytea, text) FROM PUBLIC;
  GRANT EXECUTE ON FUNCTION audit_append(bytea, text) TO {{seats}};
`;
