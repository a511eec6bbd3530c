/** Schema 2 (access), PostgreSQL: the role × permission matrix with the same seed. */
import { seedRows } from './0002-role-permissions';

export const access0002Pg = `
  CREATE TABLE role_permissions (
    role       text NOT NULL,
    permission text NOT NULL,
    PRIMARY KEY (role, permission)
  );
  INSERT INTO role_permissions (role, permission) VALUES
    ${seedRows};
`;
