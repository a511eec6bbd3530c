/**
 * What the people around a floor do by hand, for the CLI's floor tests: the superuser makes a
 * database for a non-superuser DBA, the DBA runs the SQL and adds the pg_hba.conf line the CLI
 * printed, and a CA issues the seat's certificate. The cluster's own catch-all TLS line is taken
 * out first, so a seat gets in only through the line printed for it.
 */
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { PgCluster } from '../fixtures/pg-cluster';

/** The DBA: CREATEROLE, owns each floor's database, no superuser. */
export const DBA = 'dba';

export async function prepareCluster(cluster: PgCluster): Promise<void> {
  await cluster.query('postgres', `CREATE ROLE ${DBA} LOGIN CREATEROLE`);
  // Unix socket only (the DBA and the superuser); TCP lines come from what the CLI prints.
  await writeFile(path.join(cluster.dataDir, 'pg_hba.conf'), 'local all all trust\nlocal replication all trust\n');
  await cluster.query('postgres', 'SELECT pg_reload_conf()');
}

/** A new, empty database the DBA owns. */
export async function dbaDatabase(cluster: PgCluster): Promise<string> {
  const database = await cluster.createDatabase();
  await cluster.query('postgres', `ALTER DATABASE ${database} OWNER TO ${DBA}`);
  return database;
}

/** --database-url for the DBA over the cluster's Unix socket. */
export function dbaUrl(cluster: PgCluster, database: string): string {
  return `postgres://${DBA}@localhost:${cluster.port}/${database}?host=${cluster.socketDir}`;
}

/** Runs SQL the CLI printed, as the DBA, in the floor's database. */
export async function runAsDba(cluster: PgCluster, database: string, statements: string[]): Promise<void> {
  const client = new pg.Client(cluster.connection(database, DBA));
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Adds a pg_hba.conf line and reloads; refuses a line the server reports as broken. */
export async function addHbaLine(cluster: PgCluster, line: string): Promise<void> {
  await appendFile(path.join(cluster.dataDir, 'pg_hba.conf'), `${line}\n`);
  const { rows } = await cluster.query<{ error: string | null }>(
    'postgres',
    'SELECT error FROM pg_hba_file_rules WHERE error IS NOT NULL',
  );
  if (rows.length > 0) throw new Error(`pg_hba.conf: ${rows[0]!.error}`);
  await cluster.query('postgres', 'SELECT pg_reload_conf()');
}

/** The rules the server parsed from pg_hba.conf for one role. */
export async function hbaRulesFor(cluster: PgCluster, role: string) {
  const { rows } = await cluster.query<{
    type: string;
    database: string[];
    address: string | null;
    auth_method: string;
  }>('postgres', 'SELECT type, database, address, auth_method FROM pg_hba_file_rules WHERE $1 = ANY(user_name)', [
    role,
  ]);
  return rows;
}

export interface SeatFiles {
  ca: string;
  cert: string;
  key: string;
}

/** The CA issues a client certificate for `role` (CN = role); the files land in `dir`, 0600. */
export async function issueSeatFiles(cluster: PgCluster, role: string, dir: string): Promise<SeatFiles> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const issued = await cluster.clientCertificate(role);
  const files = { ca: path.join(dir, 'ca.pem'), cert: path.join(dir, 'cert.pem'), key: path.join(dir, 'key.pem') };
  await writeFile(files.ca, cluster.ca ?? '', { mode: 0o600 });
  await writeFile(files.cert, issued.cert, { mode: 0o600 });
  await writeFile(files.key, issued.key, { mode: 0o600 });
  return files;
}

/**
 * Waits until the server takes the role's certificate over TLS (a reload is asynchronous: the
 * postmaster reads pg_hba.conf when it handles the signal).
 */
export async function waitForAdmission(
  cluster: PgCluster,
  database: string,
  role: string,
  files: SeatFiles,
): Promise<void> {
  const [cert, key] = await Promise.all([readFile(files.cert, 'utf8'), readFile(files.key, 'utf8')]);
  const deadline = Date.now() + 10_000;
  for (;;) {
    const client = new pg.Client(cluster.tlsConnection(database, role, { cert, key }));
    try {
      await client.connect();
      await client.end();
      return;
    } catch (err) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
