/**
 * Schema 13 (complaints): complaints and disputes (投诉/异议) and special cases, each a 停催 on the
 * debtor (all their cases) until QC or a lead clears it with a reason; due within 3 working days,
 * and the client bank told. The reason is sealed under the case's batch key.
 */
export const complaints0013 = {
  version: 13,
  name: 'complaints',
  up: `
    CREATE TABLE complaints (
      id               INTEGER PRIMARY KEY,
      case_id          INTEGER NOT NULL REFERENCES cases(id),
      debtor           TEXT NOT NULL,
      kind             TEXT NOT NULL CHECK (kind IN ('complaint', 'dispute', 'special')),
      grade            TEXT NOT NULL CHECK (grade IN ('light', 'medium', 'severe')),
      reason_sealed    BLOB NOT NULL,
      raised_by        INTEGER NOT NULL REFERENCES accounts(id),
      raised_at        INTEGER NOT NULL,
      due_on           TEXT NOT NULL CHECK (length(due_on) = 10),
      bank_notified_by INTEGER REFERENCES accounts(id),
      bank_notified_at INTEGER,
      cleared_by       INTEGER REFERENCES accounts(id),
      cleared_at       INTEGER,
      clear_sealed     BLOB,
      CHECK ((bank_notified_by IS NULL) = (bank_notified_at IS NULL)),
      CHECK ((cleared_by IS NULL) = (cleared_at IS NULL) AND (cleared_at IS NULL) = (clear_sealed IS NULL))
    ) STRICT;
    CREATE INDEX complaints_debtor ON complaints (debtor, cleared_at);
    CREATE INDEX complaints_open ON complaints (due_on) WHERE cleared_at IS NULL;
    CREATE TRIGGER complaints_no_delete BEFORE DELETE ON complaints
      BEGIN SELECT RAISE(ABORT, 'complaints are kept'); END;
    CREATE TRIGGER complaints_fixed BEFORE UPDATE OF case_id, debtor, kind, grade, reason_sealed, raised_by, raised_at, due_on ON complaints
      BEGIN SELECT RAISE(ABORT, 'a complaint as raised is kept'); END;
  `,
} as const;

/** PostgreSQL: the same; seats may record the bank's notice and the clearing, nothing else. */
export const complaints0013Pg = `
  CREATE TABLE complaints (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id          bigint NOT NULL REFERENCES cases(id),
    debtor           text NOT NULL,
    kind             text NOT NULL CHECK (kind IN ('complaint', 'dispute', 'special')),
    grade            text NOT NULL CHECK (grade IN ('light', 'medium', 'severe')),
    reason_sealed    bytea NOT NULL,
    raised_by        bigint NOT NULL REFERENCES accounts(id),
    raised_at        bigint NOT NULL,
    due_on           text NOT NULL CHECK (char_length(due_on) = 10),
    bank_notified_by bigint REFERENCES accounts(id),
    bank_notified_at bigint,
    cleared_by       bigint REFERENCES accounts(id),
    cleared_at       bigint,
    clear_sealed     bytea,
    CHECK ((bank_notified_by IS NULL) = (bank_notified_at IS NULL)),
    CHECK ((cleared_by IS NULL) = (cleared_at IS NULL) AND (cleared_at IS NULL) = (clear_sealed IS NULL))
  );
  CREATE INDEX complaints_debtor ON complaints (debtor, cleared_at);
  CREATE INDEX complaints_open ON complaints (due_on) WHERE cleared_at IS NULL;
  ALTER TABLE complaints ENABLE ROW LEVEL SECURITY;
  CREATE POLICY in_session ON complaints TO {{seats}}
    USING ((SELECT strongroom.session_ok())) WITH CHECK ((SELECT strongroom.session_ok()));
  GRANT SELECT, INSERT ON complaints TO {{seats}};
  GRANT UPDATE (bank_notified_by, bank_notified_at, cleared_by, cleared_at, clear_sealed) ON complaints TO {{seats}};
`;
