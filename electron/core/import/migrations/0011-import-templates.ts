/** Schema 11 (import): mapping templates IT adds to those shipped (resources/import-templates). */
export const import0011 = {
  version: 11,
  name: 'import-templates',
  up: `
    CREATE TABLE import_templates (
      name     TEXT PRIMARY KEY,
      body     TEXT NOT NULL,
      added_by INTEGER NOT NULL REFERENCES accounts(id),
      added_at INTEGER NOT NULL
    ) STRICT;
  `,
} as const;

/** PostgreSQL: the same; seats read and add inside an app session. */
export const import0011Pg = `
  CREATE TABLE import_templates (
    name     text PRIMARY KEY,
    body     text NOT NULL,
    added_by bigint NOT NULL REFERENCES accounts(id),
    added_at bigint NOT NULL
  );
  ALTER TABLE import_templates ENABLE ROW LEVEL SECURITY;
  CREATE POLICY in_session ON import_templates TO {{seats}}
    USING ((SELECT strongroom.session_ok())) WITH CHECK ((SELECT strongroom.session_ok()));
  GRANT SELECT, INSERT ON import_templates TO {{seats}};
`;
