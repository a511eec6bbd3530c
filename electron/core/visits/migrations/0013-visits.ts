/**
 * Schema 13 (visits): field visits (外访). A request (address kind, reason, date window) is
 * approved by the team's lead, then by a field lead who names the two visitors; the report
 * (arrival, departure, address status, person met, consent to enter, outcome, promise, photo and
 * audio ids) closes it. The reason is sealed under the case's batch key.
 */
const COLUMNS = (id: string, big: string, bytes: string, text: string) => `
      id              ${id},
      case_id         ${big} NOT NULL REFERENCES cases(id),
      address_kind    ${text} NOT NULL CHECK (address_kind IN ('home', 'work', 'registered')),
      reason_sealed   ${bytes} NOT NULL,
      window_from     ${text} NOT NULL,
      window_to       ${text} NOT NULL,
      state           ${text} NOT NULL DEFAULT 'requested'
                      CHECK (state IN ('requested', 'leadApproved', 'approved', 'refused', 'done')),
      requested_by    ${big} NOT NULL REFERENCES accounts(id),
      requested_at    ${big} NOT NULL,
      lead_by         ${big} REFERENCES accounts(id),
      lead_at         ${big},
      field_by        ${big} REFERENCES accounts(id),
      field_at        ${big},
      visitor1        ${big} REFERENCES accounts(id),
      visitor2        ${big} REFERENCES accounts(id),
      arrived_at      ${big},
      left_at         ${big},
      address_status  ${text} CHECK (address_status IN ('valid', 'moved', 'vacant', 'notFound')),
      person_met      ${text},
      consent         integer CHECK (consent IN (0, 1)),
      outcome         ${text},
      promise_fen     ${big} CHECK (promise_fen > 0),
      promise_on      ${text},
      media           ${text},
      reported_by     ${big} REFERENCES accounts(id),
      CHECK (window_from <= window_to),
      CHECK (visitor1 IS NULL OR visitor1 <> visitor2),
      CHECK (field_by IS NULL OR field_by <> lead_by)`;

export const visits0013 = {
  version: 13,
  name: 'visits',
  up: `
    CREATE TABLE visit_requests (${COLUMNS('INTEGER PRIMARY KEY', 'INTEGER', 'BLOB', 'TEXT')}
    ) STRICT;
    CREATE INDEX visit_requests_case ON visit_requests (case_id);
    CREATE INDEX visit_requests_open ON visit_requests (state) WHERE state IN ('requested', 'leadApproved', 'approved');
    CREATE TRIGGER visit_requests_no_delete BEFORE DELETE ON visit_requests
      BEGIN SELECT RAISE(ABORT, 'visit requests are kept'); END;
  `,
} as const;

export const visits0013Pg = `
  CREATE TABLE visit_requests (${COLUMNS('bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY', 'bigint', 'bytea', 'text')}
  );
  CREATE INDEX visit_requests_case ON visit_requests (case_id);
  CREATE INDEX visit_requests_open ON visit_requests (state) WHERE state IN ('requested', 'leadApproved', 'approved');
  ALTER TABLE visit_requests ENABLE ROW LEVEL SECURITY;
  CREATE POLICY in_session ON visit_requests TO {{seats}}
    USING ((SELECT strongroom.session_ok())) WITH CHECK ((SELECT strongroom.session_ok()));
  GRANT SELECT, INSERT, UPDATE ON visit_requests TO {{seats}};
`;
