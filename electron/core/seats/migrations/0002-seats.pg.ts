/** Schema 2 (seats), PostgreSQL: seats seen, their flags, and account bindings. */
export const seats0002Pg = `
  CREATE TABLE seats (
    seat_id        text PRIMARY KEY,
    label          text NOT NULL DEFAULT '',
    import_station integer NOT NULL DEFAULT 0 CHECK (import_station IN (0, 1)),
    first_seen_at  bigint NOT NULL,
    last_seen_at   bigint NOT NULL
  );

  CREATE TABLE seat_bindings (
    account_id bigint NOT NULL REFERENCES accounts(id),
    seat_id    text NOT NULL REFERENCES seats(seat_id),
    bound_at   bigint NOT NULL,
    bound_by   bigint REFERENCES accounts(id),
    PRIMARY KEY (account_id, seat_id)
  );
  CREATE INDEX seat_bindings_seat ON seat_bindings (seat_id);
`;
