/**
 * `floor join`: makes --data-dir this machine's seat on a floor. The seat's certificate is checked
 * here and with the server (its role let in over TLS, the floor's vault id read, the role being
 * this machine's seat) before anything is written; then the three PEM files are copied in (0600)
 * and floor.json is written last, so a directory holds floor.json only once the seat is whole.
 */
import { promises as fs } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { VaultError } from '../../core/errors';
import { FLOOR_CONNECTION_OPTIONS } from '../../core/floor/floor-init';
import { readFloorInfo, type FloorFacts } from '../../core/floor/floor-info';
import { floorRoles, seatIdOfRole } from '../../core/floor/floor-roles';
import { writeFileAtomic } from '../../core/fs/atomic-write';
import { deriveSeatId } from '../../core/seats/seat-id';
import { sqlState } from '../../core/store/pg-dialect';
import { writeFloorFile } from '../../core/vault/floor-file';
import { isDirectory } from '../../core/vault/vault-status';
import { CliContext, type CliIo } from '../context';
import { commonNameOf, connect, keyMatches, readPem, serverName } from '../floor-connect';

/** The seat's files in its data directory, as floor.json names them. */
const FILES = { ca: 'floor-ca.pem', cert: 'seat.pem', key: 'seat.key' } as const;

/**
 * floor.json's rule for a host (electron/core/vault/floor-file.ts), without its brackets around
 * an IPv6 address: a name, or an address as the driver takes it.
 */
const HOSTNAME = /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$|^[0-9A-Fa-f:.]+$/;

interface JoinOptions {
  host: string;
  port: number;
  database: string;
  user: string;
  ca: string;
  cert: string;
  key: string;
  servername?: string;
}

function parsePort(text: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) < 1 || Number(text) > 65535)
    throw new InvalidArgumentError('a port is 1 to 65535');
  return Number(text);
}

function checkHost(name: string): void {
  if (name.length > 253 || !HOSTNAME.test(name)) throw new VaultError('INPUT_REJECTED', 'floor.badHost');
}

/** True when the directory is there (and empty); refused when it holds anything, or can't be made. */
async function assertFreeDataDir(dataDir: string): Promise<boolean> {
  if (!(await isDirectory(dataDir))) {
    const exists = await fs.lstat(dataDir).then(
      () => true,
      () => false,
    );
    if (exists) throw new VaultError('INPUT_REJECTED', 'floor.dataDirInUse');
    if (!(await isDirectory(path.dirname(dataDir)))) throw new VaultError('INPUT_REJECTED', 'floor.dataDirUnusable');
    return false;
  }
  // A vault, a floor seat or anything else: one answer, and nothing of it touched.
  if ((await fs.readdir(dataDir)).length > 0) throw new VaultError('INPUT_REJECTED', 'floor.dataDirInUse');
  return true;
}

/** Connects as the seat, exactly as a sign-in will, and reads the floor's public facts. */
async function floorFacts(options: JoinOptions, pem: { ca: string; cert: string; key: string }): Promise<FloorFacts> {
  const store = await connect({
    host: options.host,
    port: options.port,
    database: options.database,
    user: options.user,
    ssl: { ...pem, ...serverName(options.host, options.servername) },
    options: FLOOR_CONNECTION_OPTIONS,
    connectionTimeoutMillis: 10_000,
  });
  try {
    const facts = await readFloorInfo(store).catch((err: unknown) => {
      // No floor_info (42P01), or no strongroom schema to find it in: not a floor's database.
      if (sqlState(err) === '42P01' || sqlState(err) === '3F000') return null;
      throw err;
    });
    if (!facts) throw new VaultError('INPUT_REJECTED', 'floor.notInitialised');
    return facts;
  } finally {
    await store.close();
  }
}

export function registerFloorJoin(floor: Command, io: CliIo): void {
  floor
    .command('join')
    .description("make --data-dir this machine's seat on a floor (a new or empty directory)")
    .requiredOption('--host <host>', "the floor's database server")
    .addOption(new Option('--port <port>', "the server's port").argParser(parsePort).default(5432))
    .requiredOption('--database <name>', "the floor's database")
    .requiredOption('--user <role>', 'this seat\'s role, as "strongroom floor seat-role" printed it')
    .requiredOption('--ca <file>', "PEM: the CA that signed the server's certificate")
    .requiredOption('--cert <file>', "PEM: this seat's client certificate (CN = the role)")
    .requiredOption('--key <file>', "PEM: that certificate's private key (not passphrase-protected)")
    .option(
      '--servername <name>',
      "the name on the server's certificate (default: --host; needed when --host is an address)",
    )
    .addHelpText(
      'after',
      '\nstdin: not read. Before writing anything it checks the certificate and key, connects to the server\n' +
        "as the seat and checks that the role is this machine's seat; then copies the three files into\n" +
        '--data-dir (mode 0600) and writes floor.json. Afterwards "login", "user list" and the rest use the floor.',
    )
    .action(async (options: JoinOptions, command: Command) => {
      const ctx = CliContext.of(command, io);
      const dataDir = ctx.dataDir;
      const { host, database, user } = options;
      checkHost(host);
      floorRoles(database);
      const seatOfRole = seatIdOfRole(database, user);
      if (seatOfRole === null) throw new VaultError('INPUT_REJECTED', 'floor.notSeatRole', { database });
      if (options.servername !== undefined) checkHost(options.servername);
      // An address is never sent as a TLS server name (RFC 6066), and floor.json would send --host.
      if (options.servername === undefined && net.isIP(host) !== 0)
        throw new VaultError('USAGE', 'usage.servernameForAddress');
      let existed = await assertFreeDataDir(dataDir);

      const pem = {
        ca: await readPem(options.ca, 'CA certificate'),
        cert: await readPem(options.cert, 'certificate'),
        key: await readPem(options.key, 'private key'),
      };
      const cn = commonNameOf(pem.cert);
      if (cn !== user)
        throw new VaultError('INPUT_REJECTED', 'floor.certNotForRole', { cn: (cn ?? '').slice(0, 64), role: user });
      if (!keyMatches(pem.cert, pem.key)) throw new VaultError('INPUT_REJECTED', 'floor.keyMismatch');

      const facts = await floorFacts(options, pem);
      const seat = deriveSeatId(facts.vaultId, io.env.machineId());
      if (seat !== seatOfRole)
        throw new VaultError('INPUT_REJECTED', 'floor.otherSeat', { role: user, roleSeat: seatOfRole, seat });

      // Again, right before writing: the server check took a while.
      existed = await assertFreeDataDir(dataDir);
      if (!existed) await fs.mkdir(dataDir, { mode: 0o700 });
      const written: string[] = [];
      try {
        for (const [name, file] of Object.entries(FILES) as [keyof typeof FILES, string][]) {
          written.push(file);
          await writeFileAtomic(path.join(dataDir, file), pem[name]);
        }
        written.push('floor.json');
        await writeFloorFile(dataDir, {
          format: 'strongroom-floor',
          version: 1,
          host,
          port: options.port,
          database,
          user,
          ...(options.servername === undefined ? {} : { servername: options.servername }),
          ...FILES,
        });
      } catch (err) {
        for (const file of written) await fs.rm(path.join(dataDir, file), { force: true }).catch(() => undefined);
        if (!existed) await fs.rmdir(dataDir).catch(() => undefined);
        throw err;
      }
      await io.out.line(`seat ${seat} joined floor ${database} at ${host}:${options.port} as ${user}`);
    });
}
