/**
 * Schema 3 (access): separation of duties (ISO/IEC 27001 A.5.3). Self-contained: the names are
 * literals, not imported domain code.
 *
 * - Only the independent roles (auditor, general manager) attest to the access log: verifying it,
 *   exporting an anchor and exporting the log are taken from every other role, IT included (IT
 *   keeps reading it; every search is logged from this version on). What IT gave the independent
 *   roles stays as it was.
 * - notice_receipts: up to which access-log event each account has acknowledged what others did
 *   to it. Existing accounts start at the log's head, so an upgrade does not replay old history
 *   as news; an account without a row (added later) starts at its own `account.added` event.
 */
export const access0003 = {
  version: 3,
  name: 'separation-of-duties',
  up: `
    DELETE FROM role_permissions
      WHERE permission IN ('audit.verify', 'audit.anchor', 'audit.export')
        AND role NOT IN ('auditor', 'gm');
    CREATE TABLE notice_receipts (
      account_id  INTEGER PRIMARY KEY REFERENCES accounts(id),
      through_seq INTEGER NOT NULL CHECK (through_seq >= 0)
    ) STRICT;
    INSERT INTO notice_receipts (account_id, through_seq)
      SELECT id, (SELECT coalesce(max(seq), 0) FROM audit_events) FROM accounts;
  `,
} as const;
