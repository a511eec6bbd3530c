/**
 * Schema 12 (teams): the floor's teams (组), each account in at most one, some of its members
 * its leads. Who sees which case follows from it (cases/case-scope.ts).
 */
export const teams0012 = {
  version: 12,
  name: 'teams',
  up: `
    CREATE TABLE teams (
      id         INTEGER PRIMARY KEY,
      name       TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 40),
      created_by INTEGER NOT NULL REFERENCES accounts(id),
      created_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE team_members (
      account_id INTEGER PRIMARY KEY REFERENCES accounts(id),
      team_id    INTEGER NOT NULL REFERENCES teams(id),
      lead       INTEGER NOT NULL DEFAULT 0 CHECK (lead IN (0, 1)),
      added_at   INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX team_members_team ON team_members (team_id);
  `,
} as const;

/** PostgreSQL: the same; seats read and change them inside an app session (the core checks who). */
export const teams0012Pg = `
  CREATE TABLE teams (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text NOT NULL UNIQUE CHECK (char_length(name) BETWEEN 1 AND 40),
    created_by bigint NOT NULL REFERENCES accounts(id),
    created_at bigint NOT NULL
  );

  CREATE TABLE team_members (
    account_id bigint PRIMARY KEY REFERENCES accounts(id),
    team_id    bigint NOT NULL REFERENCES teams(id),
    lead       integer NOT NULL DEFAULT 0 CHECK (lead IN (0, 1)),
    added_at   bigint NOT NULL
  );
  CREATE INDEX team_members_team ON team_members (team_id);

  ALTER TABLE teams ENABLE ROW LEVEL SECURITY;
  CREATE POLICY in_session ON teams TO {{seats}}
    USING ((SELECT strongroom.session_ok())) WITH CHECK ((SELECT strongroom.session_ok()));
  ALTER TABLE team_members ENABLE ROW LEVEL SECURITY;
  CREATE POLICY in_session ON team_members TO {{seats}}
    USING ((SELECT strongroom.session_ok())) WITH CHECK ((SELECT strongroom.session_ok()));
  GRANT SELECT, INSERT ON teams TO {{seats}};
  GRANT SELECT, INSERT, UPDATE, DELETE ON team_members TO {{seats}};
`;
