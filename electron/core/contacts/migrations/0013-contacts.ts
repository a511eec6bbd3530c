/**
 * Schema 13 (contacts): calls as they are dialed (each one counts against the debtor's day),
 * contact records (催记, append-only: a correction is a new record pointing at the one it
 * corrects), each debtor's line (one open call at a time; its row is what concurrent calls to
 * the same debtor queue on), a lead's overrides of rules above the floor, and payments (for promises). The
 * debtor is named by the ID number's blind-index token (or the case, without one). IT's own
 * labels for the shipped outcome codes, and the codes it retired, are kept beside them.
 */

/** Only the recording reference and QC's verdict ever change on a record (later issues). */
const RECORD_FIXED = [
  'case_id',
  'call_id',
  'corrects',
  'debtor',
  'day',
  'channel',
  'direction',
  'source',
  'slot',
  'number_key',
  'number_mask',
  'relation',
  'outcome',
  'connected',
  'with_debtor',
  'refused',
  'promise_fen',
  'promise_on',
  'next_action_at',
  'note_sealed',
  'days_overdue',
  'balance_fen',
  'agent_id',
  'team_id',
  'checks',
  'recorded_at',
].join(', ');

const appendOnly = (table: string, fixed = ''): string => `
    CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
      BEGIN SELECT RAISE(ABORT, '${table} are append-only'); END;
    CREATE TRIGGER ${table}_no_update BEFORE UPDATE ${fixed ? `OF ${fixed} ` : ''}ON ${table}
      BEGIN SELECT RAISE(ABORT, '${table} are append-only'); END;`;

export const contacts0013 = {
  version: 13,
  name: 'contacts',
  up: `
    CREATE TABLE contact_calls (
      id          INTEGER PRIMARY KEY,
      call_no     TEXT NOT NULL UNIQUE,
      case_id     INTEGER NOT NULL REFERENCES cases(id),
      debtor      TEXT NOT NULL,
      slot        TEXT NOT NULL,
      number_key  TEXT NOT NULL,
      day         TEXT NOT NULL CHECK (length(day) = 10),
      agent_id    INTEGER NOT NULL REFERENCES accounts(id),
      started_at  INTEGER NOT NULL,
      dialed      INTEGER NOT NULL CHECK (dialed IN (0, 1)),
      checks      TEXT NOT NULL
    ) STRICT;
    CREATE INDEX contact_calls_debtor ON contact_calls (debtor, day);
    CREATE INDEX contact_calls_case ON contact_calls (case_id);
    ${appendOnly('contact_calls')}

    CREATE TABLE contact_records (
      id             INTEGER PRIMARY KEY,
      case_id        INTEGER NOT NULL REFERENCES cases(id),
      call_id        INTEGER REFERENCES contact_calls(id),
      corrects       INTEGER REFERENCES contact_records(id),
      debtor         TEXT NOT NULL,
      day            TEXT NOT NULL CHECK (length(day) = 10),
      channel        TEXT NOT NULL CHECK (channel IN ('call', 'sms', 'visit')),
      direction      TEXT NOT NULL CHECK (direction IN ('out', 'in')),
      source         TEXT NOT NULL CHECK (source IN ('phone', 'field', 'assist')),
      slot           TEXT,
      number_key     TEXT,
      number_mask    TEXT,
      relation       TEXT,
      outcome        TEXT NOT NULL,
      connected      INTEGER NOT NULL CHECK (connected IN (0, 1)),
      with_debtor    INTEGER NOT NULL CHECK (with_debtor IN (0, 1)),
      refused        INTEGER NOT NULL DEFAULT 0 CHECK (refused IN (0, 1)),
      promise_fen    INTEGER CHECK (promise_fen > 0),
      promise_on     TEXT,
      next_action_at INTEGER,
      note_sealed    BLOB,
      recorder_call  TEXT,
      recording_id   TEXT,
      recording      TEXT NOT NULL CHECK (recording IN ('referenced', 'missing', 'none')),
      days_overdue   INTEGER,
      balance_fen    INTEGER,
      agent_id       INTEGER NOT NULL REFERENCES accounts(id),
      team_id        INTEGER REFERENCES teams(id),
      checks         TEXT,
      qc             TEXT NOT NULL DEFAULT 'pending' CHECK (qc IN ('pending', 'passed', 'failed')),
      recorded_at    INTEGER NOT NULL,
      CHECK ((promise_fen IS NULL) = (promise_on IS NULL))
    ) STRICT;
    CREATE UNIQUE INDEX contact_records_call ON contact_records (call_id) WHERE corrects IS NULL;
    CREATE UNIQUE INDEX contact_records_corrects ON contact_records (corrects);
    CREATE INDEX contact_records_case ON contact_records (case_id, recorded_at);
    CREATE INDEX contact_records_debtor ON contact_records (debtor, day);
    CREATE INDEX contact_records_recording ON contact_records (recording) WHERE recording = 'missing';
    ${appendOnly('contact_records', RECORD_FIXED)}

    CREATE TABLE outcome_labels (
      code       TEXT PRIMARY KEY,
      label_zh   TEXT NOT NULL CHECK (length(label_zh) BETWEEN 1 AND 40),
      label_en   TEXT NOT NULL CHECK (length(label_en) BETWEEN 1 AND 60),
      active     INTEGER NOT NULL CHECK (active IN (0, 1)),
      changed_by INTEGER NOT NULL REFERENCES accounts(id),
      changed_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE debtor_lines (
      debtor    TEXT PRIMARY KEY,
      call_no   TEXT,
      opened_at INTEGER
    ) STRICT;

    CREATE TABLE contact_overrides (
      id         INTEGER PRIMARY KEY,
      case_id    INTEGER NOT NULL REFERENCES cases(id),
      rule       TEXT NOT NULL,
      day        TEXT NOT NULL CHECK (length(day) = 10),
      granted_by INTEGER NOT NULL REFERENCES accounts(id),
      granted_at INTEGER NOT NULL,
      UNIQUE (case_id, rule, day)
    ) STRICT;
    ${appendOnly('contact_overrides')}

    CREATE TABLE payments (
      id         INTEGER PRIMARY KEY,
      case_id    INTEGER NOT NULL REFERENCES cases(id),
      amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
      paid_on    TEXT NOT NULL CHECK (length(paid_on) = 10),
      team_id    INTEGER REFERENCES teams(id),
      entered_by INTEGER NOT NULL REFERENCES accounts(id),
      entered_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX payments_case ON payments (case_id, paid_on);
    ${appendOnly('payments')}
  `,
} as const;

const inSession = (table: string): string => `
  ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
  CREATE POLICY in_session ON ${table} TO {{seats}}
    USING ((SELECT strongroom.session_ok())) WITH CHECK ((SELECT strongroom.session_ok()));
  GRANT SELECT, INSERT ON ${table} TO {{seats}};`;

/** PostgreSQL: the same; seats may read and add, never change or delete (no grant for it), but a line. */
export const contacts0013Pg = `
  CREATE TABLE contact_calls (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    call_no     text NOT NULL UNIQUE,
    case_id     bigint NOT NULL REFERENCES cases(id),
    debtor      text NOT NULL,
    slot        text NOT NULL,
    number_key  text NOT NULL,
    day         text NOT NULL CHECK (char_length(day) = 10),
    agent_id    bigint NOT NULL REFERENCES accounts(id),
    started_at  bigint NOT NULL,
    dialed      integer NOT NULL CHECK (dialed IN (0, 1)),
    checks      text NOT NULL
  );
  CREATE INDEX contact_calls_debtor ON contact_calls (debtor, day);
  CREATE INDEX contact_calls_case ON contact_calls (case_id);
  ${inSession('contact_calls')}

  CREATE TABLE contact_records (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id        bigint NOT NULL REFERENCES cases(id),
    call_id        bigint REFERENCES contact_calls(id),
    corrects       bigint REFERENCES contact_records(id),
    debtor         text NOT NULL,
    day            text NOT NULL CHECK (char_length(day) = 10),
    channel        text NOT NULL CHECK (channel IN ('call', 'sms', 'visit')),
    direction      text NOT NULL CHECK (direction IN ('out', 'in')),
    source         text NOT NULL CHECK (source IN ('phone', 'field', 'assist')),
    slot           text,
    number_key     text,
    number_mask    text,
    relation       text,
    outcome        text NOT NULL,
    connected      integer NOT NULL CHECK (connected IN (0, 1)),
    with_debtor    integer NOT NULL CHECK (with_debtor IN (0, 1)),
    refused        integer NOT NULL DEFAULT 0 CHECK (refused IN (0, 1)),
    promise_fen    bigint CHECK (promise_fen > 0),
    promise_on     text,
    next_action_at bigint,
    note_sealed    bytea,
    recorder_call  text,
    recording_id   text,
    recording      text NOT NULL CHECK (recording IN ('referenced', 'missing', 'none')),
    days_overdue   integer,
    balance_fen    bigint,
    agent_id       bigint NOT NULL REFERENCES accounts(id),
    team_id        bigint REFERENCES teams(id),
    checks         text,
    qc             text NOT NULL DEFAULT 'pending' CHECK (qc IN ('pending', 'passed', 'failed')),
    recorded_at    bigint NOT NULL,
    CHECK ((promise_fen IS NULL) = (promise_on IS NULL))
  );
  CREATE UNIQUE INDEX contact_records_call ON contact_records (call_id) WHERE corrects IS NULL;
  CREATE UNIQUE INDEX contact_records_corrects ON contact_records (corrects);
  CREATE INDEX contact_records_case ON contact_records (case_id, recorded_at);
  CREATE INDEX contact_records_debtor ON contact_records (debtor, day);
  CREATE INDEX contact_records_recording ON contact_records (recording) WHERE recording = 'missing';
  ${inSession('contact_records')}

  CREATE TABLE outcome_labels (
    code       text PRIMARY KEY,
    label_zh   text NOT NULL CHECK (char_length(label_zh) BETWEEN 1 AND 40),
    label_en   text NOT NULL CHECK (char_length(label_en) BETWEEN 1 AND 60),
    active     integer NOT NULL CHECK (active IN (0, 1)),
    changed_by bigint NOT NULL REFERENCES accounts(id),
    changed_at bigint NOT NULL
  );
  ${inSession('outcome_labels')}
  GRANT UPDATE ON outcome_labels TO {{seats}};

  CREATE TABLE debtor_lines (
    debtor    text PRIMARY KEY,
    call_no   text,
    opened_at bigint
  );
  ${inSession('debtor_lines')}
  GRANT UPDATE ON debtor_lines TO {{seats}};

  CREATE TABLE contact_overrides (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id    bigint NOT NULL REFERENCES cases(id),
    rule       text NOT NULL,
    day        text NOT NULL CHECK (char_length(day) = 10),
    granted_by bigint NOT NULL REFERENCES accounts(id),
    granted_at bigint NOT NULL,
    UNIQUE (case_id, rule, day)
  );
  ${inSession('contact_overrides')}

  CREATE TABLE payments (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id    bigint NOT NULL REFERENCES cases(id),
    amount_fen bigint NOT NULL CHECK (amount_fen > 0),
    paid_on    text NOT NULL CHECK (char_length(paid_on) = 10),
    team_id    bigint REFERENCES teams(id),
    entered_by bigint NOT NULL REFERENCES accounts(id),
    entered_at bigint NOT NULL
  );
  CREATE INDEX payments_case ON payments (case_id, paid_on);
  ${inSession('payments')}
`;
