/** Schema 13 (cases), PostgreSQL: seats may move a case's last contact and next action (contact records). */
export const cases0013Pg = `
  GRANT UPDATE (last_contact_at, next_action_at) ON cases TO {{seats}};
`;
