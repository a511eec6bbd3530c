/**
 * Schema 12 (cases): assignment. A case belongs to a team (a director hands it over) and to one
 * of its agents (the lead assigns it); every change is kept in `case_assignments` (and logged).
 * Last contact and next action are the contact records' to fill (collection conduct).
 */
export const cases0012 = {
  version: 12,
  name: 'assignment',
  up: `
    ALTER TABLE cases ADD COLUMN team_id INTEGER REFERENCES teams(id);
    ALTER TABLE cases ADD COLUMN assignee_id INTEGER REFERENCES accounts(id);
    ALTER TABLE cases ADD COLUMN assigned_at INTEGER;
    ALTER TABLE cases ADD COLUMN last_contact_at INTEGER;
    ALTER TABLE cases ADD COLUMN next_action_at INTEGER;
    CREATE INDEX cases_assignee ON cases (assignee_id, days_overdue);
    CREATE INDEX cases_team ON cases (team_id, assignee_id);

    CREATE TABLE case_assignments (
      id          INTEGER PRIMARY KEY,
      case_id     INTEGER NOT NULL REFERENCES cases(id),
      team_id     INTEGER REFERENCES teams(id),
      assignee_id INTEGER REFERENCES accounts(id),
      assigned_by INTEGER NOT NULL REFERENCES accounts(id),
      assigned_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX case_assignments_case ON case_assignments (case_id);
  `,
} as const;

/** PostgreSQL: the same; seats may now change a case's assignment columns, nothing else of it. */
export const cases0012Pg = `
  ALTER TABLE cases ADD COLUMN team_id bigint REFERENCES teams(id);
  ALTER TABLE cases ADD COLUMN assignee_id bigint REFERENCES accounts(id);
  ALTER TABLE cases ADD COLUMN assigned_at bigint;
  ALTER TABLE cases ADD COLUMN last_contact_at bigint;
  ALTER TABLE cases ADD COLUMN next_action_at bigint;
  CREATE INDEX cases_assignee ON cases (assignee_id, days_overdue);
  CREATE INDEX cases_team ON cases (team_id, assignee_id);
  GRANT UPDATE (team_id, assignee_id, assigned_at) ON cases TO {{seats}};

  CREATE TABLE case_assignments (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id     bigint NOT NULL REFERENCES cases(id),
    team_id     bigint REFERENCES teams(id),
    assignee_id bigint REFERENCES accounts(id),
    assigned_by bigint NOT NULL REFERENCES accounts(id),
    assigned_at bigint NOT NULL
  );
  CREATE INDEX case_assignments_case ON case_assignments (case_id);
  ALTER TABLE case_assignments ENABLE ROW LEVEL SECURITY;
  CREATE POLICY in_session ON case_assignments TO {{seats}}
    USING ((SELECT strongroom.session_ok())) WITH CHECK ((SELECT strongroom.session_ok()));
  GRANT SELECT, INSERT ON case_assignments TO {{seats}};
`;
