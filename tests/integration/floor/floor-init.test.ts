/**
 * Setting a floor up (docs/floor-schema.md, "Roles"): role names, an empty database only, role
 * tokens in migrations, admitting a seat, and a seat's typed client on the PgStore.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFloorInfo } from '../../../electron/core/floor/floor-info';
import { FLOOR_CONNECTION_OPTIONS, initFloorSchema, seatRoleStatements } from '../../../electron/core/floor/floor-init';
import { floorRoles, quoteIdentifier } from '../../../electron/core/floor/floor-roles';
import { migrate } from '../../../electron/core/store/migrate';
import { PgStore } from '../../../electron/core/store/pg-store';
import { MIGRATIONS } from '../../../electron/core/store/schema';
import { sql } from '../../../electron/core/store/sql';
import { startCluster, type ClientCertificate, type PgCluster } from '../../fixtures/pg-cluster';
import { createDba, DBA, newFloor, SEAT_A, SEAT_B } from './floor-fixture';

const SLOW = { timeout: 120_000 };

describe('floor role names', () => {
  it('derive from the database name, with seat roles that stay plain and within 63 bytes', () => {
    const longest = 'f'.repeat(40);
    const roles = floorRoles(longest);
    expect(roles.owner).toBe(`${longest}_owner`);
    expect(roles.seats).toBe(`${longest}_seats`);
    const seat = roles.seatRole('7zq1-ab2c-9xyz'.toUpperCase());
    expect(seat).toBe(`${longest}_seat_7zq1_ab2c_9xyz`);
    expect(seat.length).toBeLessThanOrEqual(63);
    expect(quoteIdentifier(seat)).toBe(`"${seat}"`);
  });

  it('refuse database names and seat ids that are not plain', () => {
    for (const bad of ['', 'Floor', '1floor', 'floor-1', 'f'.repeat(41), 'pg_floor', 'a"b', 'floor; drop'])
      expect(() => floorRoles(bad), bad).toThrow(expect.objectContaining({ key: 'floor.badDatabaseName' }));
    for (const bad of ['', 'AAAA-AAAA', 'AAAA-AAAA-AAAI', 'AAAA_AAAA_AAAA', "AAAA-AAAA-AAA'"])
      expect(() => floorRoles('floor').seatRole(bad), bad).toThrow(expect.objectContaining({ key: 'seat.invalid' }));
    for (const bad of ['', 'A', 'a-b', 'a"b', 'x'.repeat(64)]) expect(() => quoteIdentifier(bad), bad).toThrow();
  });

  it('admit a seat with one CREATE ROLE and a certificate-only pg_hba.conf line', () => {
    expect(seatRoleStatements('floor', 'aaaa-bbbb-cccc')).toEqual({
      role: 'floor_seat_aaaa_bbbb_cccc',
      statements: ['CREATE ROLE "floor_seat_aaaa_bbbb_cccc" LOGIN IN ROLE "floor_seats";'],
      hbaLine: 'hostssl floor floor_seat_aaaa_bbbb_cccc samenet cert',
    });
    expect(seatRoleStatements('floor', 'AAAA-BBBB-CCCC', '10.1.0.0/16').hbaLine).toBe(
      'hostssl floor floor_seat_aaaa_bbbb_cccc 10.1.0.0/16 cert',
    );
    expect(() => seatRoleStatements('floor', 'AAAA-BBBB-CCCC', 'all trust')).toThrow();
  });
});

describe('initialising a floor', SLOW, () => {
  let cluster: PgCluster;
  const certificates = new Map<string, ClientCertificate>();

  beforeAll(async () => {
    cluster = await startCluster({ tls: true, name: 'floor-init' });
    await createDba(cluster);
  }, SLOW.timeout);
  afterAll(() => cluster?.destroy(), SLOW.timeout);

  async function dbaStore(database: string): Promise<PgStore> {
    await cluster.query('postgres', `ALTER DATABASE ${database} OWNER TO ${DBA}`);
    return PgStore.connect({ ...cluster.connection(database, DBA), options: FLOOR_CONNECTION_OPTIONS });
  }

  it('refuses a database that is not empty, or another database than the one named', async () => {
    const used = await cluster.createDatabase();
    await cluster.query(used, 'CREATE TABLE public.something (x integer)');
    const store = await dbaStore(used);
    try {
      await expect(initFloorSchema(store, used)).rejects.toMatchObject({
        code: 'INPUT_REJECTED',
        key: 'floor.notEmpty',
        params: { found: 'tables' },
      });
      await expect(initFloorSchema(store, 'another_db')).rejects.toMatchObject({ key: 'floor.badDatabaseName' });
    } finally {
      await store.close();
    }

    const fresh = await cluster.createDatabase();
    const again = await dbaStore(fresh);
    try {
      await initFloorSchema(again, fresh);
      await expect(initFloorSchema(again, fresh)).rejects.toMatchObject({
        key: 'floor.notEmpty',
        params: { found: 'schema' },
      });
    } finally {
      await again.close();
    }
  });

  it('creates owner and seats as NOLOGIN roles, the owner owning every floor object', async () => {
    const floor = await newFloor(cluster, certificates);
    try {
      const roles = await floor.peek(
        `SELECT rolname, rolcanlogin, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles
          WHERE rolname IN ($1, $2) ORDER BY rolname`,
        [floor.roles.owner, floor.roles.seats],
      );
      const plain = {
        rolcanlogin: false,
        rolsuper: false,
        rolcreaterole: false,
        rolcreatedb: false,
        rolbypassrls: false,
      };
      expect(roles).toEqual([
        { rolname: floor.roles.owner, ...plain },
        { rolname: floor.roles.seats, ...plain },
      ]);
      const owners = await floor.peek<{ owner: string }>(
        `SELECT DISTINCT pg_get_userbyid(c.relowner) AS owner FROM pg_class c
          WHERE c.relnamespace = 'strongroom'::regnamespace AND c.relkind IN ('r', 'S', 'i')
        UNION SELECT DISTINCT pg_get_userbyid(p.proowner) FROM pg_proc p
          WHERE p.pronamespace = 'strongroom'::regnamespace
            AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')`,
      );
      expect(owners).toEqual([{ owner: floor.roles.owner }]);
      // Of the schema's own functions (not pgcrypto's), every one a seat may call is a definer
      // function with a pinned search_path, pg_temp last; the helpers are the owner's alone.
      const callable = await floor.peek<{ proname: string; prosecdef: boolean; proconfig: string[] }>(
        `SELECT proname, prosecdef, proconfig FROM pg_proc p WHERE pronamespace = 'strongroom'::regnamespace
            AND has_function_privilege($1, oid, 'EXECUTE')
            AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
          ORDER BY proname`,
        [floor.roles.seats],
      );
      expect(callable.map((f) => f.proname)).toEqual(
        expect.arrayContaining([
          'act_as',
          'audit_append',
          'auth_begin',
          'auth_finish',
          'close_sessions',
          'end_session',
          'keyslot_put',
          'login_reset',
          'rotate_keys',
          'rotation_slots',
          'session_ok',
        ]),
      );
      for (const f of callable) {
        expect(f.prosecdef, f.proname).toBe(true);
        expect(f.proconfig, f.proname).toEqual(['search_path=strongroom, pg_catalog, pg_temp']);
      }
      const helpers = ['now_ms', 'policy_int', 'session_account', 'session_lock_key', 'account_may', 'gate_of'];
      for (const h of [...helpers, 'decoy_kdf', 'keyslot_store', 'session_backends_end', 'app_session_epoch'])
        expect(callable.map((f) => f.proname)).not.toContain(h);
    } finally {
      await floor.close();
    }
  });

  it('refuses to run PostgreSQL texts with role tokens when no roles are given, before writing anything', async () => {
    const database = await cluster.createDatabase();
    const store = await PgStore.connect(cluster.connection(database));
    try {
      await expect(migrate(store, MIGRATIONS)).rejects.toThrow(/grants to the floor's roles/);
      expect(await store.get(sql`SELECT to_regclass('schema_info')::text AS t`)).toEqual({ t: null });
    } finally {
      await store.close();
    }
  });

  it('counts concurrent failures exactly for seats on the PgStore (serializable, retried), and serves floor_info', async () => {
    const floor = await newFloor(cluster, certificates);
    const connect = async (seatId: string) => {
      await (await floor.seat(seatId)).end(); // admits it
      const role = floor.roles.seatRole(seatId);
      return PgStore.connect({
        ...cluster.tlsConnection(floor.database, role, certificates.get(role)!),
        options: FLOOR_CONNECTION_OPTIONS,
      });
    };
    const seats = [await connect(SEAT_A), await connect(SEAT_B)];
    try {
      expect(await readFloorInfo(seats[0]!)).toEqual({
        vaultId: '00000000-0000-4000-8000-000000000001',
        lookupSalt: 'ab'.repeat(32),
        epoch: 1,
        generation: 1,
        createdAt: expect.any(Number) as number,
      });
      // Ten attempts at once from two seats, in serializable transactions (retried) and as single
      // statements (read committed): three are counted, every other one finds the name locked.
      const tenAtOnce = (lookup: string, own: boolean) =>
        Promise.allSettled(
          Array.from({ length: 10 }, (_, i) => {
            const store = seats[i % 2]!;
            const q = sql`SELECT failures, locks_until FROM auth_begin(${lookup})`;
            return own
              ? store.transaction((tx) => tx.get<{ failures: number }>(q))
              : store.get<{ failures: number }>(q);
          }),
        );
      for (const [lookup, own] of [
        [floor.agent.lookup, true],
        [floor.it.lookup, false],
      ] as const) {
        const attempts = await tenAtOnce(lookup, own);
        const counted = attempts.flatMap((a) => (a.status === 'fulfilled' ? [a.value!.failures] : []));
        expect(counted.sort(), lookup).toEqual([1, 2, 3]);
        const refused = attempts.flatMap((a) =>
          a.status === 'rejected' ? [(a.reason as { code?: string }).code] : [],
        );
        expect(refused, lookup).toEqual(Array(7).fill('SR002'));
        expect(await floor.peek('SELECT failures FROM strongroom.login_state WHERE lookup = $1', [lookup])).toEqual([
          { failures: 3 },
        ]);
      }
    } finally {
      for (const s of seats) await s.close();
      await floor.close();
    }
  });
});
