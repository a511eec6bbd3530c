/**
 * The floor commands as an operator uses them, on a PostgreSQL cluster of this file's own: a
 * non-superuser DBA sets a floor up, admits this machine's seat with what `floor init` printed, a
 * CA issues its certificate, `floor join` makes a data directory of it, and sign-in and `user list`
 * then run against the server. Plus the refusals: a database that is not empty, a data directory
 * in use, a server nobody answers on, --database-url where a seat has floor.json.
 */
import { readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { floorRoles } from '../../electron/core/floor/floor-roles';
import { SCHEMA_VERSION } from '../../electron/core/store/schema';
import { writeFloorFile } from '../../electron/core/vault/floor-file';
import { startCluster, type PgCluster } from '../fixtures/pg-cluster';
import { freePort } from '../fixtures/pg-process';
import { ADMIN, tempDir } from '../fixtures/vault';
import {
  addHbaLine,
  dbaDatabase,
  dbaUrl,
  hbaRulesFor,
  issueSeatFiles,
  prepareCluster,
  runAsDba,
  waitForAdmission,
  type SeatFiles,
} from './floor-operator';
import { cli, fingerprint, oneErrorLine, seatOf } from './run-cli';

const SLOW = { timeout: 180_000 };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let cluster: PgCluster;
let root: string;
let removeRoot: () => Promise<void>;

beforeAll(async () => {
  cluster = await startCluster({ tls: true, name: 'cli-floor' });
  await prepareCluster(cluster);
  ({ dir: root, cleanup: removeRoot } = await tempDir('strongroom-cli-floor-'));
}, SLOW.timeout);
afterAll(async () => {
  await cluster?.destroy();
  await removeRoot?.();
}, SLOW.timeout);

/** What `floor init` printed, read back the way an operator reads it. */
function parseInit(stdout: string) {
  const lines = stdout.split('\n');
  const value = (label: string) => lines.find((l) => l.startsWith(`${label} `))?.slice(label.length + 1);
  return {
    vaultId: value('vault'),
    seatId: value('seat'),
    role: value('role'),
    sql: lines.filter((l) => l.startsWith('  CREATE ROLE ')).map((l) => l.trim()),
    hba: lines.filter((l) => l.startsWith('  hostssl ')).map((l) => l.trim()),
  };
}

/** The database's roles, schemas, relations and extensions: what a refused init must not change. */
async function shapeOf(database: string) {
  const { rows } = await cluster.query<{ what: string }>(
    database,
    `SELECT 'role ' || rolname AS what FROM pg_roles
     UNION ALL SELECT 'schema ' || nspname FROM pg_namespace
     UNION ALL SELECT 'rel ' || relname FROM pg_class WHERE relnamespace = 'public'::regnamespace
     UNION ALL SELECT 'ext ' || extname FROM pg_extension
     UNION ALL SELECT 'owner ' || pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()
     ORDER BY 1`,
  );
  return rows.map((r) => r.what);
}

function joinArgs(dataDir: string, database: string, role: string, files: SeatFiles): string[] {
  return [
    '--data-dir', dataDir, 'floor', 'join', '--host', '127.0.0.1', '--port', String(cluster.port),
    '--database', database, '--user', role, '--ca', files.ca, '--cert', files.cert, '--key', files.key,
    '--servername', 'localhost',
  ]; // prettier-ignore
}

describe('strongroom floor', SLOW, () => {
  it('sets a floor up, admits this seat as printed, joins it, and signs in and lists users through it', async () => {
    const database = await dbaDatabase(cluster);
    const init = await cli(['floor', 'init', '--admin', ADMIN.username], {
      stdin: [ADMIN.password],
      env: { STRONGROOM_DATABASE_URL: dbaUrl(cluster, database) },
    });
    expect(init).toMatchObject({ code: 0, stderr: '' });
    const printed = parseInit(init.stdout);
    expect(printed.vaultId).toMatch(UUID);
    expect(printed.seatId).toBe(seatOf(printed.vaultId!));
    expect(printed.role).toBe(floorRoles(database).seatRole(printed.seatId!));
    expect(printed.sql).toEqual([`CREATE ROLE "${printed.role}" LOGIN IN ROLE "${database}_seats";`]);
    expect(printed.hba).toEqual([`hostssl ${database} ${printed.role} samenet cert`]);
    expect(init.stdout).toContain(`CN=${printed.role}`);

    // The DBA does what it says; the CA issues the certificate.
    await runAsDba(cluster, database, printed.sql);
    await addHbaLine(cluster, printed.hba[0]!);
    const files = await issueSeatFiles(cluster, printed.role!, path.join(root, 'issued-1'));
    await waitForAdmission(cluster, database, printed.role!, files);

    const seatDir = path.join(root, 'seat-1');
    // A standby it will try only when this server fails (docs/floor-ha.md).
    const join = await cli([
      ...joinArgs(seatDir, database, printed.role!, files),
      '--standby',
      '127.0.0.2:5433,localhost',
    ]);
    expect(join).toMatchObject({ code: 0, stderr: '' });
    expect(join.stdout).toBe(
      `seat ${printed.seatId} joined floor ${database} at 127.0.0.1:${cluster.port} as ${printed.role}\n`,
    );
    for (const name of ['floor.json', 'floor-ca.pem', 'seat.pem', 'seat.key'])
      expect((await stat(path.join(seatDir, name))).mode & 0o777, name).toBe(0o600);
    expect(await readFile(path.join(seatDir, 'seat.key'), 'utf8')).toBe(await readFile(files.key, 'utf8'));
    expect(JSON.parse(await readFile(path.join(seatDir, 'floor.json'), 'utf8'))).toEqual({
      format: 'strongroom-floor',
      version: 1,
      host: '127.0.0.1',
      port: cluster.port,
      database,
      user: printed.role,
      servername: 'localhost',
      standbys: [{ host: '127.0.0.2', port: 5433, servername: 'localhost' }],
      ca: 'floor-ca.pem',
      cert: 'seat.pem',
      key: 'seat.key',
    });

    const login = await cli(['--data-dir', seatDir, 'login', ADMIN.username], { stdin: [ADMIN.password] });
    expect(login).toMatchObject({ code: 0, stderr: '' });
    expect(login.stdout.split('\n')[0]).toBe('ok');
    const list = await cli(['--data-dir', seatDir, '--as', ADMIN.username, 'user', 'list', '--json'], {
      stdin: [ADMIN.password],
    });
    expect(list).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ username: ADMIN.username, role: 'it' })]);

    // This seat's clock far past the certificates' end: one line naming them, not "internal error".
    const expired = await cli(['--data-dir', seatDir, 'login', ADMIN.username], {
      stdin: [ADMIN.password],
      faketime: '+400 days',
    });
    expect(expired.code).toBe(9);
    expect(oneErrorLine(expired)).toMatch(
      /^strongroom: the floor's server certificate, or this seat's, is not valid now/,
    );

    // The data directory is a seat now: joining again is refused, and nothing in it changes.
    const before = await fingerprint(seatDir);
    const again = await cli(joinArgs(seatDir, database, printed.role!, files));
    expect(again.code).toBe(7);
    expect(oneErrorLine(again)).toMatch(/data directory is not empty/);
    expect(await fingerprint(seatDir)).toEqual(before);

    // The DBA's later upgrade step: nothing to do, and says where the schema is.
    const migrate = await cli(['floor', 'migrate', '--database-url', dbaUrl(cluster, database)]);
    expect(migrate).toMatchObject({ code: 0, stdout: `schema version ${SCHEMA_VERSION}\n`, stderr: '' });
  });

  it('refuses a database that is not empty (7) and changes nothing in it', async () => {
    const database = await dbaDatabase(cluster);
    await cluster.query(database, `CREATE TABLE public.leftover (x integer); ALTER TABLE public.leftover OWNER TO dba`);
    const before = await shapeOf(database);
    const url = `postgres://dba@${encodeURIComponent(cluster.socketDir)}:${cluster.port}/${database}`;
    const init = await cli(['--database-url', url, 'floor', 'init', '--admin', ADMIN.username], {
      stdin: [ADMIN.password],
    });
    expect(init.code).toBe(7);
    expect(oneErrorLine(init)).toBe(
      'strongroom: this database is not empty (tables): a floor is set up only on a new, empty database',
    );
    expect(init.stdout).toBe('');
    expect(await shapeOf(database)).toEqual(before);

    const migrate = await cli(['floor', 'migrate', '--database-url', url]);
    expect(migrate.code).toBe(7);
    expect(oneErrorLine(migrate)).toMatch(/has not been set up/);
  });

  it('refuses to join a data directory that holds a vault or anything else (7), before any connection', async () => {
    const files = await issueSeatFiles(cluster, 't_x_seat_aaaa_aaaa_aaaa', path.join(root, 'issued-2'));
    for (const [name, content] of [
      ['vault.json', '{}'],
      ['notes.txt', 'hello'],
    ] as const) {
      const dataDir = path.join(root, `used-${name}`);
      await mkdir(dataDir);
      await writeFile(path.join(dataDir, name), content);
      const before = await fingerprint(dataDir);
      // Port 1: were it to connect, this would be exit 9, not 7.
      const join = await cli([...joinArgs(dataDir, 't_x', 't_x_seat_aaaa_aaaa_aaaa', files), '--port', '1']);
      expect(join.code).toBe(7);
      expect(oneErrorLine(join)).toBe(
        'strongroom: the data directory is not empty (a vault, a floor seat or other files): a seat joins a floor in a new or empty directory',
      );
      expect(await fingerprint(dataDir)).toEqual(before);
    }
  });

  it('checks the seat certificate before connecting: its CN must be --user (7)', async () => {
    const files = await issueSeatFiles(cluster, 't_x_seat_aaaa_aaaa_aaaa', path.join(root, 'issued-3'));
    const dataDir = path.join(root, 'cn-mismatch');
    const join = await cli([...joinArgs(dataDir, 't_x', 't_x_seat_bbbb_bbbb_bbbb', files), '--port', '1']);
    expect(join.code).toBe(7);
    expect(oneErrorLine(join)).toBe(
      'strongroom: the certificate is for CN=t_x_seat_aaaa_aaaa_aaaa, not for t_x_seat_bbbb_bbbb_bbbb',
    );
    await expect(stat(dataDir)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('exits 9 with one line when nobody answers: the DBA over TCP, and a seat signing in', async () => {
    const port = await freePort();
    const files = await issueSeatFiles(cluster, 't_x_seat_aaaa_aaaa_aaaa', path.join(root, 'issued-4'));
    const dba = await cli([
      'floor',
      'migrate',
      '--database-url',
      `postgres://dba@127.0.0.1:${port}/t_x`,
      '--ca',
      files.ca,
    ]);
    expect(dba.code).toBe(9);
    expect(oneErrorLine(dba)).toBe(
      "strongroom: the floor's database server cannot be reached: check the network, then call IT",
    );

    // A seat set up earlier whose server has gone: the session commands say the same.
    const seatDir = path.join(root, 'seat-gone');
    await mkdir(seatDir, { mode: 0o700 });
    for (const [name, from] of [
      ['floor-ca.pem', files.ca],
      ['seat.pem', files.cert],
      ['seat.key', files.key],
    ] as const)
      await writeFile(path.join(seatDir, name), await readFile(from), { mode: 0o600 });
    await writeFloorFile(seatDir, {
      format: 'strongroom-floor',
      version: 1,
      host: 'localhost',
      port,
      database: 't_x',
      user: 't_x_seat_aaaa_aaaa_aaaa',
      ca: 'floor-ca.pem',
      cert: 'seat.pem',
      key: 'seat.key',
    });
    const login = await cli(['--data-dir', seatDir, 'login', ADMIN.username], { stdin: [ADMIN.password] });
    expect(login.code).toBe(9);
    expect(oneErrorLine(login)).toBe(
      "strongroom: the floor's database server cannot be reached: check the network, then call IT",
    );
  });

  it("refuses to join as another seat's role, or to a database that is no floor (7), writing nothing", async () => {
    const database = await dbaDatabase(cluster);
    const init = await cli(['floor', 'init', '--admin', ADMIN.username, '--json'], {
      stdin: [ADMIN.password],
      env: { STRONGROOM_DATABASE_URL: dbaUrl(cluster, database) },
    });
    expect(init).toMatchObject({ code: 0, stderr: '' });
    const created = JSON.parse(init.stdout) as { vaultId: string; seatId: string; role: string; hbaLine: string };
    expect(created).toMatchObject({ database, seatId: seatOf(created.vaultId) });

    // A role the DBA admitted properly, but for a seat that is not this machine.
    const other = await cli(['floor', 'seat-role', 'ZZZZ-ZZZZ-ZZZZ', '--database', database, '--address', '127.0.0.1/32', '--json']); // prettier-ignore
    const admission = JSON.parse(other.stdout) as { role: string; statements: string[]; hbaLine: string };
    await runAsDba(cluster, database, admission.statements);
    await addHbaLine(cluster, admission.hbaLine);
    const files = await issueSeatFiles(cluster, admission.role, path.join(root, 'issued-other'));
    await waitForAdmission(cluster, database, admission.role, files);
    const dataDir = path.join(root, 'other-seat');
    const join = await cli(joinArgs(dataDir, database, admission.role, files));
    expect(join.code).toBe(7);
    expect(oneErrorLine(join)).toBe(
      `strongroom: the role ${admission.role} is for seat ZZZZ-ZZZZ-ZZZZ, but this machine is seat ${created.seatId} on this floor: admit that seat ("strongroom floor seat-role ${created.seatId}")`,
    );
    await expect(stat(dataDir)).rejects.toMatchObject({ code: 'ENOENT' });

    // The same kind of role on a database nobody set a floor up on.
    const plain = await dbaDatabase(cluster);
    const role = floorRoles(plain).seatRole(created.seatId);
    await runAsDba(cluster, plain, [`CREATE ROLE ${role} LOGIN`]);
    await addHbaLine(cluster, `hostssl ${plain} ${role} 127.0.0.1/32 cert`);
    const plainFiles = await issueSeatFiles(cluster, role, path.join(root, 'issued-plain'));
    await waitForAdmission(cluster, plain, role, plainFiles);
    const noFloor = await cli(joinArgs(dataDir, plain, role, plainFiles));
    expect(noFloor.code).toBe(7);
    expect(oneErrorLine(noFloor)).toMatch(/has not been set up/);
    await expect(stat(dataDir)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('prints a seat role whose SQL the DBA can run and whose pg_hba.conf line the server takes', async () => {
    const database = await dbaDatabase(cluster);
    await runAsDba(cluster, database, [`CREATE ROLE ${database}_seats NOLOGIN`]);
    const seatId = '7HJM-5GKR-85AY';
    const out = await cli(['floor', 'seat-role', seatId.toLowerCase(), '--database', database, '--address', '127.0.0.1/32', '--json']); // prettier-ignore
    expect(out).toMatchObject({ code: 0, stderr: '' });
    const admission = JSON.parse(out.stdout) as { role: string; statements: string[]; hbaLine: string };
    expect(admission.role).toBe(`${database}_seat_7hjm_5gkr_85ay`);

    await runAsDba(cluster, database, admission.statements);
    await addHbaLine(cluster, admission.hbaLine);
    expect(await hbaRulesFor(cluster, admission.role)).toEqual([
      { type: 'hostssl', database: [database], address: '127.0.0.1', auth_method: 'cert' },
    ]);
    // The server lets the role in with its certificate, through that line alone.
    const files = await issueSeatFiles(cluster, admission.role, path.join(root, 'issued-5'));
    await waitForAdmission(cluster, database, admission.role, files);

    const human = await cli(['floor', 'seat-role', seatId, '--database', database]);
    expect(human.stdout).toContain(`  ${admission.statements[0]}\n`);
    expect(human.stdout).toContain(`  hostssl ${database} ${admission.role} samenet cert\n`);
  });

  it("refuses --database-url on a command that is not the DBA's (2), and documents exit 9", async () => {
    const status = await cli(['--data-dir', root, '--database-url', 'postgres://dba@localhost/x', 'status']);
    expect(status.code).toBe(2);
    expect(oneErrorLine(status)).toMatch(/--database-url is for "floor init" and "floor migrate" only/);
    // From the environment it is left alone: it may be set for the DBA's work.
    const env = await cli(['--data-dir', root, 'status'], { env: { STRONGROOM_DATABASE_URL: 'postgres://x@y/z' } });
    expect(env.code).toBe(0);

    const sslmode = await cli(['floor', 'migrate', '--database-url', 'postgres://dba@localhost/x?sslmode=disable']);
    expect(sslmode.code).toBe(2);
    expect(oneErrorLine(sslmode)).toMatch(/no other parameters/);

    const help = await cli(['--help']);
    expect(help.stdout).toMatch(/^\s+9\s+the floor's database server cannot be reached/m);
    expect(help.stdout).toContain('STRONGROOM_DATABASE_URL');
    const initHelp = await cli(['floor', 'init', '--help']);
    expect(initHelp.stdout).toMatch(/1\. the password of the --admin account/);
  });
});
