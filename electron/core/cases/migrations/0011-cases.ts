/**
 * Schema 11 (cases): import batches (委案批次) and their cases, PII sealed per field under the
 * batch's data key with its masked form beside it, blind-index tokens for exact search, and the
 * vault's case master key (docs/case-data.md). Both stores; the PostgreSQL twin is beside it.
 */

/** The sealed PII columns of a case: each `<name>_sealed` (nonce ‖ ciphertext ‖ tag) and `<name>_mask`. */
export const CASE_PII_COLUMNS = [
  'name',
  'id_number',
  'card_number',
  'mobile',
  'home_phone',
  'employer',
  'employer_address',
  'home_address',
  'registered_address',
] as const;

/** Each sealed column with its mask; the name is never absent. */
export const piiColumns = (type: string, text: string): string =>
  CASE_PII_COLUMNS.map(
    (c) =>
      `${c}_sealed ${type}${c === 'name' ? ' NOT NULL' : ''}, ${c}_mask ${text}${c === 'name' ? ' NOT NULL' : ''},`,
  ).join('\n      ');
/** A value and its mask are there together or not at all. */
export const piiPaired = (): string =>
  CASE_PII_COLUMNS.map((c) => `CHECK ((${c}_sealed IS NULL) = (${c}_mask IS NULL))`).join(',\n      ');

export const cases0011 = {
  version: 11,
  name: 'cases',
  up: `
    CREATE TABLE case_keys (
      name    TEXT PRIMARY KEY CHECK (name = 'master'),
      epoch   INTEGER NOT NULL CHECK (epoch >= 1),
      wrapped BLOB NOT NULL
    ) STRICT;

    CREATE TABLE batches (
      id             INTEGER PRIMARY KEY,
      batch_no       TEXT NOT NULL,
      template       TEXT NOT NULL,
      archive_sha256 TEXT NOT NULL UNIQUE CHECK (length(archive_sha256) = 64),
      ceremony_id    TEXT NOT NULL UNIQUE,
      seat_id        TEXT NOT NULL,
      custodian_a    INTEGER NOT NULL REFERENCES accounts(id),
      custodian_b    INTEGER NOT NULL REFERENCES accounts(id),
      imported_at    INTEGER NOT NULL,
      case_count     INTEGER NOT NULL CHECK (case_count >= 0),
      total_fen      INTEGER NOT NULL CHECK (total_fen >= 0),
      data_key       BLOB,
      CHECK (custodian_a <> custodian_b)
    ) STRICT;

    CREATE TABLE cases (
      id                  INTEGER PRIMARY KEY,
      batch_id            INTEGER NOT NULL REFERENCES batches(id),
      case_no             TEXT NOT NULL UNIQUE,
      source_row          INTEGER NOT NULL,
      state               TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed', 'stored', 'destroyed')),
      ${piiColumns('BLOB', 'TEXT')}
      gender              TEXT NOT NULL DEFAULT '' CHECK (gender IN ('', 'M', 'F')),
      amount_assigned_fen INTEGER NOT NULL CHECK (amount_assigned_fen >= 0),
      principal_fen       INTEGER CHECK (principal_fen >= 0),
      days_overdue        INTEGER CHECK (days_overdue >= 0),
      bucket              TEXT,
      assigned_on         TEXT,
      return_on           TEXT,
      ${piiPaired()}
    ) STRICT;
    CREATE INDEX cases_batch ON cases (batch_id);

    CREATE TABLE case_contacts (
      case_id      INTEGER NOT NULL REFERENCES cases(id),
      ordinal      INTEGER NOT NULL CHECK (ordinal BETWEEN 1 AND 3),
      name_sealed  BLOB,
      name_mask    TEXT,
      relation     TEXT,
      phone_sealed BLOB,
      phone_mask   TEXT,
      PRIMARY KEY (case_id, ordinal)
    ) STRICT;

    CREATE TABLE case_lookup (
      token   BLOB NOT NULL,
      case_id INTEGER NOT NULL REFERENCES cases(id),
      field   TEXT NOT NULL CHECK (field IN ('name', 'id', 'card', 'phone')),
      PRIMARY KEY (token, case_id, field)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX case_lookup_case ON case_lookup (case_id);
  `,
} as const;
