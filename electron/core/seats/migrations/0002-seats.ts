/** Schema 2 (seats): seats the vault has seen, their flags, and which accounts are bound to them. */
export const seats0002 = {
  version: 2,
  name: 'seats',
  up: `
    CREATE TABLE seats (
      seat_id        TEXT PRIMARY KEY,
      label          TEXT NOT NULL DEFAULT '',
      import_station INTEGER NOT NULL DEFAULT 0 CHECK (import_station IN (0, 1)),
      first_seen_at  INTEGER NOT NULL,
      last_seen_at   INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE seat_bindings (
      account_id INTEGER NOT NULL REFERENCES accounts(id),
      seat_id    TEXT NOT NULL REFERENCES seats(seat_id),
      bound_at   INTEGER NOT NULL,
      bound_by   INTEGER REFERENCES accounts(id),
      PRIMARY KEY (account_id, seat_id)
    ) STRICT;
    CREATE INDEX seat_bindings_seat ON seat_bindings (seat_id);
  `,
} as const;
