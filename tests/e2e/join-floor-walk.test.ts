/**
 * First run, "join a floor", against a throwaway TLS PostgreSQL of this file's own: a non-superuser
 * DBA sets the floor up from the harness's machine (so its first IT account is bound to this seat),
 * admits the seat, a CA issues its certificate; in Chromium the first run joins with the three PEM
 * files, the login screen names the floor, and IT signs in and reads the floor's log and accounts.
 * Before that, two refusals through the same form, each with the catalog's message, writing nothing.
 */
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seatRoleStatements } from '../../electron/core/floor/floor-init';
import { floorRoles } from '../../electron/core/floor/floor-roles';
import { deriveSeatId } from '../../electron/core/seats/seat-id';
import { PgStore } from '../../electron/core/store/pg-store';
import { createFloor } from '../../electron/core/vault/create-floor';
import { defaultEnv } from '../../electron/core/vault/env';
import { ADMIN } from '../fixtures/env';
import { quoteIdent, startCluster, type PgCluster } from '../fixtures/pg-cluster';
import { AccountsPage } from './pages/accounts-page';
import { MACHINE_ID, openApp, screenshotIfFailed, type AppUnderTest } from './pages/app';
import { AuditPage } from './pages/audit-page';
import { HomePage } from './pages/home-page';
import { JoinFloorPage, type FloorSeat } from './pages/join-floor-page';
import { LoginPage } from './pages/login-page';
import { ShellPage } from './pages/shell-page';
import { texts } from './pages/texts';

const SLOW = 180_000;
const DBA = 'dba';
const DATABASE = 'floor_e2e';
/** A seat the DBA admitted too, but not this machine. */
const OTHER_SEAT = 'ZZZZ-ZZZZ-ZZZZ';
const zh = texts('zh-CN');

let cluster: PgCluster;
let files: string;
let app: AppUnderTest;
let vaultId: string;
let seatId: string;
/** This machine's seat, as IT hands it out. */
let seat: FloorSeat;
/** The role and certificate IT made for the other seat. */
let other: { role: string; cert: string; key: string };

/** As the DBA (CREATEROLE, owns the database, no superuser), over the cluster's socket. */
async function asDba<T>(run: (store: PgStore) => Promise<T>): Promise<T> {
  const store = await PgStore.connect(cluster.connection(DATABASE, DBA));
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

/** The DBA runs what `floor seat-role` prints; the CA issues a certificate whose CN is the role. */
async function admit(seatOf: string, name: string): Promise<{ role: string; cert: string; key: string }> {
  const admission = seatRoleStatements(DATABASE, seatOf, '127.0.0.1/32');
  const dba = new pg.Client(cluster.connection(DATABASE, DBA));
  await dba.connect();
  try {
    for (const statement of admission.statements) await dba.query(statement);
  } finally {
    await dba.end();
  }
  const issued = await cluster.clientCertificate(admission.role);
  const cert = path.join(files, `${name}.pem`);
  const key = path.join(files, `${name}.key`);
  await writeFile(cert, issued.cert, { mode: 0o600 });
  await writeFile(key, issued.key, { mode: 0o600 });
  return { role: admission.role, cert, key };
}

beforeAll(async () => {
  const started = Date.now();
  files = await mkdtemp(path.join(os.tmpdir(), 'strongroom-e2e-floor-files-'));
  // Its own pg_hba.conf takes TLS with a client certificate on 127.0.0.1 (`hostssl … cert`).
  cluster = await startCluster({ tls: true, name: 'e2e-join' });
  await cluster.query('postgres', `CREATE ROLE ${quoteIdent(DBA)} LOGIN CREATEROLE`);
  await cluster.createDatabase(DATABASE);
  await cluster.query('postgres', `ALTER DATABASE ${quoteIdent(DATABASE)} OWNER TO ${quoteIdent(DBA)}`);
  // `floor init` on the harness's machine: the first IT account is bound to its seat.
  ({ vaultId, seatId } = await asDba((store) =>
    createFloor(store, DATABASE, ADMIN, { ...defaultEnv, machineId: () => MACHINE_ID }),
  ));
  expect(seatId).toBe(deriveSeatId(vaultId, MACHINE_ID));
  const ca = path.join(files, 'floor-ca.pem');
  await writeFile(ca, cluster.ca ?? '', { mode: 0o600 });
  const mine = await admit(seatId, 'seat');
  expect(mine.role).toBe(floorRoles(DATABASE).seatRole(seatId));
  // By address, so the server's certificate is named (it is for localhost).
  seat = { host: '127.0.0.1', port: cluster.port, database: DATABASE, servername: 'localhost', ca, ...mine };
  other = await admit(OTHER_SEAT, 'other-seat');
  app = await openApp();
  console.info(`join-floor-walk: floor and seat ready in ${Date.now() - started} ms`);
}, SLOW);
afterAll(async () => {
  await app?.close();
  await cluster?.destroy();
  if (files) await rm(files, { recursive: true, force: true });
}, SLOW);
afterEach((ctx) => screenshotIfFailed(app, ctx.task));

/** The harness's data directory was never made: a refused join wrote nothing. */
async function expectNothingWritten(): Promise<void> {
  await expect(stat(app.harness.dataDir)).rejects.toMatchObject({ code: 'ENOENT' });
}

describe('first run: join a floor', () => {
  it("refuses another role's certificate, a key that is no PEM and a role made for another seat, writing nothing", async () => {
    const { page, harness } = app;
    const join = new JoinFloorPage(page);
    await join.modes.waitFor();
    expect(await join.mode('station').isChecked()).toBe(true);
    await join.open();
    expect(await join.dataDir.inputValue()).toBe(harness.dataDir);
    expect(await join.port.inputValue()).toBe('5432');

    // This seat's role, with the other seat's certificate and key: refused before any connection.
    await join.join({ ...seat, cert: other.cert, key: other.key });
    await join.refusal(zh('errors.floor.certNotForRole', { cn: other.role, role: seat.role })).waitFor();
    await expectNothingWritten();
    await page.screenshot({ path: path.join(os.tmpdir(), 'strongroom-join-floor-refused.png'), fullPage: true });

    // A key file that is no PEM: the core names the file, the page says it in the catalog's words.
    const notPem = path.join(files, 'notes.txt');
    await writeFile(notPem, 'not a key\n');
    await join.join({ ...seat, key: notPem });
    await join.refusal(zh('errors.floor.pemUnusable', { kind: zh('setup.floor.kinds.key') })).waitFor();
    await expectNothingWritten();

    // The other seat's role and certificate, both good: the server lets it in, but it is not this machine.
    await join.join({ ...seat, ...other });
    await join
      .refusal(zh('errors.floor.otherSeat', { role: other.role, roleSeat: OTHER_SEAT, seat: seatId }))
      .waitFor();
    await expectNothingWritten();
    expect(app.problems).toEqual([]);
  });

  it('joins the floor with the three PEM files; IT signs in and reads the floor’s log and accounts', async () => {
    const { page, harness } = app;
    await page.reload(); // a fresh form: nothing carried over from the refusals
    const join = new JoinFloorPage(page);
    await join.open();
    const started = Date.now();
    await join.join(seat);

    const login = new LoginPage(page);
    await login.waitUntilShown();
    console.info(`join-floor-walk: joined in ${Date.now() - started} ms`);
    await login.cell(`${DATABASE} @ 127.0.0.1:${cluster.port}`).waitFor();
    await login.cell(seatId).waitFor();
    await login.cell(vaultId.slice(0, 8)).waitFor();
    await page.screenshot({ path: path.join(os.tmpdir(), 'strongroom-floor-login.png'), fullPage: true });
    // A seat's data directory: floor.json and its three files (0600), no vault of its own.
    expect((await readdir(harness.dataDir)).sort()).toEqual(['floor-ca.pem', 'floor.json', 'seat.key', 'seat.pem']);
    for (const name of ['floor.json', 'seat.key'])
      expect((await stat(path.join(harness.dataDir, name))).mode & 0o777, name).toBe(0o600);

    await login.login(ADMIN.username, ADMIN.password);
    const home = new HomePage(page);
    await home.heading(ADMIN.username).waitFor();
    await home.roleValue('it').waitFor();
    await home.value(seatId).waitFor();

    // The log is the floor's: createFloor's "vault created" (written by the DBA's setup), then this sign-in.
    const shell = new ShellPage(page);
    await shell.open('audit');
    const audit = new AuditPage(page);
    await audit.heading.waitFor();
    await audit.row(ADMIN.username, 'vault.created').first().waitFor();
    await audit.row(ADMIN.username, 'login.ok').first().waitFor();

    await shell.open('accounts');
    const accounts = new AccountsPage(page);
    await accounts.heading.waitFor();
    await accounts.row(ADMIN.username).waitFor();

    // The session runs on the server, as this seat's role.
    const { rows } = await cluster.query<{ n: number }>(
      'postgres',
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename = $1 AND datname = $2',
      [seat.role, DATABASE],
    );
    expect(rows[0]!.n).toBeGreaterThan(0);

    await shell.logout();
    await login.waitUntilShown();
    expect(app.problems).toEqual([]);
  });
});
