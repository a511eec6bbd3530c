/**
 * Schema 7 (floor), PostgreSQL only: names and typed text reach the server only sealed by the
 * client (docs/field-seal.md). CHECK constraints hold every writer to it, an older client
 * included (so this step admits no older client: no compat). A floor that already holds names
 * in plaintext can't be converted here: the server has no key, and the log's rows are chained
 * as they were written. It is refused whole (SR005), before anything changes.
 */
export const floor0007 = { version: 7, name: 'sealed-names', up: '' } as const;

const NAME = `'^n1:[A-Za-z0-9_-]+$'`;
const TEXT = `'^t1:[A-Za-z0-9_-]+$'`;

export const floor0007Pg = `
  DO $$
  BEGIN
    IF EXISTS (SELECT 1 FROM accounts WHERE username !~ ${NAME})
       OR EXISTS (SELECT 1 FROM audit_events WHERE actor !~ ${NAME})
       OR EXISTS (SELECT 1 FROM audit_pending WHERE actor !~ ${NAME}) THEN
      RAISE EXCEPTION 'plaintext-names' USING ERRCODE = 'SR005';
    END IF;
  END $$;

  ALTER TABLE accounts
    ADD CONSTRAINT accounts_username_sealed CHECK (username ~ ${NAME}),
    ADD CONSTRAINT accounts_display_name_sealed CHECK (display_name ~ ${TEXT}),
    ADD CONSTRAINT accounts_closed_reason_sealed CHECK (closed_reason IS NULL OR closed_reason ~ ${TEXT});
  ALTER TABLE audit_pending ADD CONSTRAINT audit_pending_actor_sealed CHECK (actor IS NULL OR actor ~ ${NAME});
  ALTER TABLE audit_events ADD CONSTRAINT audit_events_actor_sealed CHECK (actor IS NULL OR actor ~ ${NAME});
`;
