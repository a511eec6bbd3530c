/**
 * Floors for the floor tests: a database set up by initFloorSchema as a non-superuser DBA, two
 * accounts with keyslots (IT and an agent), and seats that connect over TLS with a client
 * certificate, the way a workstation does. Sign-in runs without Argon2id: the server only sees
 * the auth key's proofs, so a random auth key stands in for the derived one.
 */
import { createHmac, randomBytes } from 'node:crypto';
import pg from 'pg';
import {
  FLOOR_CONNECTION_OPTIONS,
  initFloorSchema,
  insertFirstKeyslot,
  insertFloorInfo,
  ownerStore,
  seatRoleStatements,
} from '../../../electron/core/floor/floor-init';
import type { FloorRoles } from '../../../electron/core/floor/floor-roles';
import { FieldCipher } from '../../../electron/core/keyring/field-cipher';
import { PgStore } from '../../../electron/core/store/pg-store';
import { sql } from '../../../electron/core/store/sql';
import type { Store } from '../../../electron/core/store/store';
import type { ClientCertificate, PgCluster } from '../../fixtures/pg-cluster';

/** The DBA: creates roles and owns the floor's database, but is no superuser. */
export const DBA = 'floor_dba';

export async function createDba(cluster: PgCluster): Promise<void> {
  await cluster.query('postgres', `CREATE ROLE ${DBA} LOGIN CREATEROLE`);
}

export interface Person {
  id: number;
  username: string;
  lookup: string;
  authKey: Buffer;
  slot: string;
}

export interface Floor {
  database: string;
  roles: FloorRoles;
  dba: PgStore;
  owner: Store;
  it: Person;
  agent: Person;
  /** A connected client for a seat (admitted on first use), over TLS with its certificate. */
  seat(seatId: string): Promise<pg.Client>;
  /** One statement as the cluster's superuser, in this floor's database (to look, not to act). */
  peek<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

export const SEAT_A = 'AAAA-AAAA-AAAA';
export const SEAT_B = 'BBBB-BBBB-BBBB';

export const lookupOf = (name: string): string =>
  createHmac('sha256', 'floor-test-salt').update(name, 'utf8').digest('hex');

export function slotJson(username: string): string {
  return JSON.stringify({
    slotId: randomBytes(8).toString('hex'),
    lookup: lookupOf(username),
    kdf: { alg: 'argon2id', m: 65536, t: 3, p: 4, salt: randomBytes(16).toString('base64') },
  });
}

export const proof = (authKey: Buffer, challenge: Buffer): Buffer =>
  createHmac('sha256', authKey).update(challenge).digest();

export async function newFloor(cluster: PgCluster, certificates: Map<string, ClientCertificate>): Promise<Floor> {
  const database = await cluster.createDatabase();
  await cluster.query('postgres', `ALTER DATABASE ${database} OWNER TO ${DBA}`);
  const dba = await PgStore.connect({ ...cluster.connection(database, DBA), options: FLOOR_CONNECTION_OPTIONS });
  const roles = await initFloorSchema(dba, database);
  const owner = ownerStore(dba, database);
  // These accounts have no vault key behind them: their names are sealed under a throwaway one.
  const names = new FieldCipher(randomBytes(32), database);
  const person = async (username: string, role: string): Promise<Person> => {
    const p = { username, lookup: lookupOf(username), authKey: randomBytes(32), slot: slotJson(username) };
    const id = await owner.transaction(async (tx) => {
      const row = await tx.get<{ id: number }>(sql`
        INSERT INTO accounts (username, display_name, role, state, password_changed_at, created_at)
        VALUES (${names.name(username)}, ${names.text(username)}, ${role}, 'active', 0, 0) RETURNING id`);
      await insertFirstKeyslot(tx, {
        accountId: row!.id,
        lookup: p.lookup,
        slot: p.slot,
        authKey: p.authKey,
        epoch: 1,
      });
      return row!.id;
    });
    return { ...p, id };
  };
  await owner.transaction((tx) =>
    insertFloorInfo(tx, {
      vaultId: '00000000-0000-4000-8000-000000000001',
      lookupSalt: 'ab'.repeat(32),
      epoch: 1,
      createdAt: Date.now(),
    }),
  );
  const it = await person('it.one', 'it');
  const agent = await person('agent.one', 'agent_phone');
  const admitted = new Set<string>();
  const clients: pg.Client[] = [];
  return {
    database,
    roles,
    dba,
    owner,
    it,
    agent,
    async seat(seatId) {
      const role = roles.seatRole(seatId);
      if (!admitted.has(role)) {
        for (const statement of seatRoleStatements(database, seatId).statements) await dba.exec(statement);
        admitted.add(role);
      }
      let cert = certificates.get(role);
      if (!cert) certificates.set(role, (cert = await cluster.clientCertificate(role)));
      const client = new pg.Client({
        ...cluster.tlsConnection(database, role, cert),
        options: FLOOR_CONNECTION_OPTIONS,
      });
      client.on('error', () => undefined); // a backend ended by close_sessions or a restart
      await client.connect();
      clients.push(client);
      return client;
    },
    async peek<R extends pg.QueryResultRow>(text: string, values?: unknown[]) {
      return (await cluster.query<R>(database, text, values)).rows;
    },
    async close() {
      for (const c of clients) await c.end().catch(() => undefined);
      await dba.close();
    },
  };
}

/** The SQLSTATE a promise rejects with. */
export async function stateOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    return String((err as { code?: unknown }).code);
  }
  return 'no error';
}

/** auth_begin on a raw client: the ticket (int8 as text), challenge and kdf. */
export async function begin(c: pg.Client, lookup: string) {
  const { rows } = await c.query<{
    ticket: string;
    challenge: Buffer;
    kdf: string;
    failures: number;
    locks_until: string | null;
  }>('SELECT * FROM auth_begin($1)', [lookup]);
  return rows[0]!;
}

/** auth_finish on a raw client: the row, or null. */
export async function finish(c: pg.Client, ticket: string, p: Buffer) {
  const { rows } = await c.query<{ account_id: string; slot: string; session_token: Buffer }>(
    'SELECT * FROM auth_finish($1, $2)',
    [ticket, p],
  );
  return rows[0] ?? null;
}

/** A full sign-in on a raw client, each step in its own (autocommit) transaction. */
export async function signIn(c: pg.Client, person: Person): Promise<Buffer> {
  const t = await begin(c, person.lookup);
  const grant = await finish(c, t.ticket, proof(person.authKey, t.challenge));
  if (!grant) throw new Error(`sign-in failed for ${person.username}`);
  return grant.session_token;
}

export async function failuresOf(floor: Floor, lookup: string) {
  const rows = await floor.peek<{ failures: number; locked_until: string | null }>(
    'SELECT failures, locked_until FROM strongroom.login_state WHERE lookup = $1',
    [lookup],
  );
  return rows[0] ?? null;
}
