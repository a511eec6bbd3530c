/**
 * Schema 11 (cases), PostgreSQL: the tables of 0011-cases.ts, with what a seat may do to them
 * (docs/floor-schema.md, "What a seat may touch"): read and add inside an app session; no
 * update or delete yet (later steps grant what assignment and destruction need). Older clients
 * never touch these tables, so schema 10 clients still run (compat 10).
 */
import { piiColumns, piiPaired } from './0011-cases';

const TABLES = ['case_keys', 'batches', 'cases', 'case_contacts', 'case_lookup'] as const;

export const cases0011Pg = `
  CREATE TABLE case_keys (
    name    text PRIMARY KEY CHECK (name = 'master'),
    epoch   bigint NOT NULL CHECK (epoch >= 1),
    wrapped bytea NOT NULL
  );

  CREATE TABLE batches (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    batch_no       text NOT NULL,
    template       text NOT NULL,
    archive_sha256 text NOT NULL UNIQUE CHECK (archive_sha256 ~ '^[0-9a-f]{64}$'),
    ceremony_id    text NOT NULL UNIQUE,
    seat_id        text NOT NULL,
    custodian_a    bigint NOT NULL REFERENCES accounts(id),
    custodian_b    bigint NOT NULL REFERENCES accounts(id),
    imported_at    bigint NOT NULL,
    case_count     integer NOT NULL CHECK (case_count >= 0),
    total_fen      bigint NOT NULL CHECK (total_fen >= 0),
    data_key       bytea,
    CHECK (custodian_a <> custodian_b)
  );

  CREATE TABLE cases (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    batch_id            bigint NOT NULL REFERENCES batches(id),
    case_no             text NOT NULL UNIQUE,
    source_row          integer NOT NULL,
    state               text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed', 'stored', 'destroyed')),
    ${piiColumns('bytea', 'text')}
    gender              text NOT NULL DEFAULT '' CHECK (gender IN ('', 'M', 'F')),
    amount_assigned_fen bigint NOT NULL CHECK (amount_assigned_fen >= 0),
    principal_fen       bigint CHECK (principal_fen >= 0),
    days_overdue        integer CHECK (days_overdue >= 0),
    bucket              text,
    assigned_on         text,
    return_on           text,
    ${piiPaired()}
  );
  CREATE INDEX cases_batch ON cases (batch_id);

  CREATE TABLE case_contacts (
    case_id      bigint NOT NULL REFERENCES cases(id),
    ordinal      integer NOT NULL CHECK (ordinal BETWEEN 1 AND 3),
    name_sealed  bytea,
    name_mask    text,
    relation     text,
    phone_sealed bytea,
    phone_mask   text,
    PRIMARY KEY (case_id, ordinal)
  );

  CREATE TABLE case_lookup (
    token   bytea NOT NULL,
    case_id bigint NOT NULL REFERENCES cases(id),
    field   text NOT NULL CHECK (field IN ('name', 'id', 'card', 'phone')),
    PRIMARY KEY (token, case_id, field)
  );
  CREATE INDEX case_lookup_case ON case_lookup (case_id);

  ${TABLES.map(
    (t) => `
  ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY;
  CREATE POLICY in_session ON ${t} TO {{seats}}
    USING ((SELECT strongroom.session_ok())) WITH CHECK ((SELECT strongroom.session_ok()));`,
  ).join('')}
  GRANT SELECT, INSERT ON ${TABLES.join(', ')} TO {{seats}};
  GRANT UPDATE ON case_keys TO {{seats}};
`;
