/** Schema 3 (access), PostgreSQL: separation of duties, as in the SQLite file beside it. */
export const access0003Pg = `
  DELETE FROM role_permissions
    WHERE permission IN ('audit.verify', 'audit.anchor', 'audit.export')
      AND role NOT IN ('auditor', 'gm');
  CREATE TABLE notice_receipts (
    account_id  bigint PRIMARY KEY REFERENCES accounts(id),
    through_seq bigint NOT NULL CHECK (through_seq >= 0)
  );
  INSERT INTO notice_receipts (account_id, through_seq)
    SELECT id, (SELECT coalesce(max(seq), 0) FROM audit_events) FROM accounts;
`;
