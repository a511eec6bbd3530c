/**
 * Schema 13 (cases): a manager's extension of a case's first-contact deadline (hours after
 * assignment, up to 72; a new assignment clears it), and on a floor the columns a contact record
 * and an extension move.
 */
export const cases0013 = {
  version: 13,
  name: 'first-contact',
  up: `
    ALTER TABLE cases ADD COLUMN first_contact_hours INTEGER CHECK (first_contact_hours BETWEEN 1 AND 72);
  `,
} as const;

export const cases0013Pg = `
  ALTER TABLE cases ADD COLUMN first_contact_hours integer CHECK (first_contact_hours BETWEEN 1 AND 72);
  GRANT UPDATE (last_contact_at, next_action_at, first_contact_hours) ON cases TO {{seats}};
`;
