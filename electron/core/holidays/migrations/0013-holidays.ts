/**
 * Schema 13 (holidays): the statutory holiday calendar — each year's days off and 调休 make-up
 * workdays, the notice it cites, its hash, who imported and who approved it. Days a year does not
 * list follow the week. The shipped years are inserted here.
 */
import { shippedYearsSql } from '../shipped-years';

export const holidays0013 = {
  version: 13,
  name: 'holidays',
  up: `
    CREATE TABLE holiday_years (
      year        INTEGER PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
      papers      TEXT NOT NULL,
      sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
      source      TEXT NOT NULL CHECK (source IN ('shipped', 'imported')),
      imported_by INTEGER REFERENCES accounts(id),
      approved_by INTEGER REFERENCES accounts(id),
      imported_at INTEGER NOT NULL,
      CHECK ((source = 'shipped') = (imported_by IS NULL)),
      CHECK ((imported_by IS NULL) = (approved_by IS NULL)),
      CHECK (imported_by <> approved_by)
    ) STRICT;

    CREATE TABLE holiday_days (
      day  TEXT PRIMARY KEY CHECK (length(day) = 10),
      year INTEGER NOT NULL REFERENCES holiday_years(year),
      name TEXT NOT NULL,
      off  INTEGER NOT NULL CHECK (off IN (0, 1))
    ) STRICT;
    CREATE INDEX holiday_days_year ON holiday_days (year);
    ${shippedYearsSql()}
  `,
} as const;

/** PostgreSQL: the same; seats read it, and write it only in an app session (the core checks who). */
export const holidays0013Pg = `
  CREATE TABLE holiday_years (
    year        integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
    papers      text NOT NULL,
    sha256      text NOT NULL CHECK (char_length(sha256) = 64),
    source      text NOT NULL CHECK (source IN ('shipped', 'imported')),
    imported_by bigint REFERENCES accounts(id),
    approved_by bigint REFERENCES accounts(id),
    imported_at bigint NOT NULL,
    CHECK ((source = 'shipped') = (imported_by IS NULL)),
    CHECK ((imported_by IS NULL) = (approved_by IS NULL)),
    CHECK (imported_by <> approved_by)
  );

  CREATE TABLE holiday_days (
    day  text PRIMARY KEY CHECK (char_length(day) = 10),
    year integer NOT NULL REFERENCES holiday_years(year),
    name text NOT NULL,
    off  integer NOT NULL CHECK (off IN (0, 1))
  );
  CREATE INDEX holiday_days_year ON holiday_days (year);
  ${shippedYearsSql()}

  ALTER TABLE holiday_years ENABLE ROW LEVEL SECURITY;
  CREATE POLICY in_session ON holiday_years TO {{seats}}
    USING ((SELECT strongroom.session_ok())) WITH CHECK ((SELECT strongroom.session_ok()));
  ALTER TABLE holiday_days ENABLE ROW LEVEL SECURITY;
  CREATE POLICY in_session ON holiday_days TO {{seats}}
    USING ((SELECT strongroom.session_ok())) WITH CHECK ((SELECT strongroom.session_ok()));
  GRANT SELECT, INSERT, UPDATE ON holiday_years TO {{seats}};
  GRANT SELECT, INSERT, DELETE ON holiday_days TO {{seats}};
`;
