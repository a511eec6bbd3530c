/**
 * `floor init | migrate | seat-id | seat-role | join`: setting a floor up and admitting seats.
 *
 * These run before there is a vault or a session to check, so they call the floor's setup code
 * directly instead of the router: `init` and `migrate` act as the database's DBA, whose authority
 * is the server's to check (CREATEROLE, owning the database); `seat-id` and `seat-role` only
 * compute; `join` writes a data directory after checking the seat's certificate with the server.
 * None of them is a procedure the renderer may call: DBA credentials and key files never cross
 * IPC. Everything a seat does afterwards (login, user list, …) goes through the router as on a
 * station.
 */
import { Command, Option } from 'commander';
import { DisplayName, Username } from '../../../shared/contract';
import { VaultError } from '../../core/errors';
import { migrateFloor, seatRoleStatements } from '../../core/floor/floor-init';
import { floorRoles } from '../../core/floor/floor-roles';
import { deriveSeatId } from '../../core/seats/seat-id';
import { sql } from '../../core/store/sql';
import { createFloor } from '../../core/vault/create-floor';
import type { CliIo } from '../context';
import { parseDatabaseUrl, type DatabaseUrl } from '../database-url';
import { admissionLines, connect, dbaConnection, type TlsFiles } from '../floor-connect';
import { registerFloorJoin } from './floor-join';

interface DbaOptions extends TlsFiles {
  databaseUrl?: string;
}

const DBA_TLS_HELP =
  '\nConnection: --database-url postgres://DBA@HOST:PORT/DATABASE (or STRONGROOM_DATABASE_URL), the DBA\n' +
  'being a role with CREATEROLE that owns the database. Over TCP, TLS is always on: --ca is the CA\n' +
  "of the server's certificate, --cert/--key a client certificate if the DBA logs in with one,\n" +
  "--servername the name on the server's certificate when HOST is an address. On the server itself,\n" +
  "?host=/socket/dir (or a host starting with /) is a Unix socket, without TLS. The DBA's password:\n" +
  "in the URL, or PGPASSWORD, or ~/.pgpass. A URL's sslmode or other parameters are refused.";

/** A seat id this app never derives; used only to check --address before anything is changed. */
const ANY_SEAT = '0000-0000-0000';

function addDbaOptions(command: Command): Command {
  return command
    .option('--ca <file>', "PEM: the CA that signed the server's certificate (TCP only)")
    .option('--cert <file>', "PEM: the DBA's client certificate, if the server asks for one")
    .option('--key <file>', "PEM: that certificate's private key")
    .option('--servername <name>', "the name on the server's certificate, when the URL's host is an address");
}

/** The DBA's URL (global --database-url or STRONGROOM_DATABASE_URL), parsed; the database is a floor's name. */
function dbaUrl(command: Command): DatabaseUrl {
  const raw = command.optsWithGlobals<DbaOptions>().databaseUrl?.trim();
  if (!raw) throw new VaultError('USAGE', 'usage.databaseUrlMissing');
  const url = parseDatabaseUrl(raw);
  floorRoles(url.database);
  return url;
}

function tlsOf(options: TlsFiles): TlsFiles {
  const { ca, cert, key, servername } = options;
  return { ca, cert, key, servername };
}

/**
 * --database-url names the DBA's connection, which only init and migrate use. A session command
 * reaches its floor through floor.json and its certificate: given there, it is refused rather
 * than silently ignored (from the environment it is left alone: it may be set for the DBA's work).
 */
export function assertDatabaseUrlUse(program: Command, action: Command): void {
  if (program.getOptionValueSource('databaseUrl') !== 'cli') return;
  const forDba = action.parent?.name() === 'floor' && (action.name() === 'init' || action.name() === 'migrate');
  if (!forDba) throw new VaultError('USAGE', 'usage.databaseUrlHere');
}

export function registerFloor(program: Command, io: CliIo): void {
  const floor = program
    .command('floor')
    .description(
      "a floor (floor mode): set one up on PostgreSQL as its DBA, admit seats, join a seat's data directory",
    );

  addDbaOptions(
    floor
      .command('init')
      .description(
        "set a floor up on an empty database as its DBA; prints the vault id, this seat's id and how to admit it",
      )
      .option('--admin <name>', 'username of the first IT account (required when stdin is not a terminal)')
      .option('--display-name <name>', 'display name of the first IT account')
      .option('--address <address>', "the seat's address in the printed pg_hba.conf line: samenet or a CIDR", 'samenet')
      .option('--json', 'print one JSON object'),
  )
    .addHelpText(
      'after',
      '\nstdin (when not a terminal), one line each:\n  1. the password of the --admin account\n' +
        'On a terminal: asks for the username if --admin is missing, then the password twice, without echo.\n' +
        "The first IT account is bound to this machine's seat: run it on the workstation IT will use.\n" +
        'A database that is not empty is refused (exit 7) and left as it was.' +
        DBA_TLS_HELP,
    )
    .action(
      async (
        options: TlsFiles & { admin?: string; displayName?: string; address: string; json?: boolean },
        command: Command,
      ) => {
        const url = dbaUrl(command);
        const secrets = io.secrets;
        seatRoleStatements(url.database, ANY_SEAT, options.address);
        if (options.admin === undefined && !secrets.interactive) throw new VaultError('USAGE', 'usage.admin');
        const config = await dbaConnection(url, tlsOf(options));
        const username = options.admin ?? (await secrets.ask('username of the first IT account'));
        const name = Username.safeParse(username);
        if (!name.success) throw new VaultError('INPUT_REJECTED', 'username.invalid', { value: username.slice(0, 64) });
        const display = DisplayName.optional().safeParse(options.displayName);
        if (!display.success) throw new VaultError('INPUT_REJECTED', 'displayName.invalid');
        // Reachable, and the DBA let in, before a password is asked for.
        const store = await connect(config);
        let created: { vaultId: string; seatId: string };
        try {
          const password = await secrets.secret(`password for ${name.data}`, { confirm: true });
          created = await createFloor(
            store,
            url.database,
            { username: name.data, displayName: display.data, password },
            io.env,
          ).catch((err: unknown) => {
            throw dbaRefusal(err);
          });
        } finally {
          await store.close();
        }
        const admission = seatRoleStatements(url.database, created.seatId, options.address);
        if (options.json) {
          await io.out.json({ ...created, database: url.database, ...admission });
          return;
        }
        await io.out.line(
          [`vault ${created.vaultId}`, `seat ${created.seatId}`, ...admissionLines(url.database, admission)].join('\n'),
        );
      },
    );

  addDbaOptions(
    floor
      .command('migrate')
      .description("bring a floor's schema up to this Strongroom's, as its DBA; prints the schema version")
      .option('--json', 'print one JSON object'),
  )
    .addHelpText('after', `\nstdin: not read.${DBA_TLS_HELP}`)
    .action(async (options: TlsFiles & { json?: boolean }, command: Command) => {
      const url = dbaUrl(command);
      const store = await connect(await dbaConnection(url, tlsOf(options)));
      let version: number;
      try {
        const { owner } = floorRoles(url.database);
        const found = await store.get<{ ready: boolean }>(sql`
          SELECT to_regnamespace('strongroom') IS NOT NULL
             AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${owner}) AS ready`);
        if (!found?.ready) throw new VaultError('INPUT_REJECTED', 'floor.notInitialised');
        version = await migrateFloor(store, url.database).catch((err: unknown) => {
          throw dbaRefusal(err);
        });
      } finally {
        await store.close();
      }
      if (options.json) await io.out.json({ database: url.database, schemaVersion: version });
      else await io.out.line(`schema version ${version}`);
    });

  floor
    .command('seat-id')
    .description("print this machine's seat id on the floor with that vault id (before it joins)")
    .argument('<vault-id>', 'the vault id "strongroom floor init" printed')
    .addHelpText('after', '\nstdin: not read. No connection is made; the seat id is not a secret.')
    .action(async (vaultId: string) => {
      const id = vaultId.trim().toLowerCase();
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id))
        throw new VaultError('INPUT_REJECTED', 'floor.badVaultId');
      await io.out.line(deriveSeatId(id, io.env.machineId()));
    });

  floor
    .command('seat-role')
    .description('print what the DBA runs to admit a seat: its role, the SQL and the pg_hba.conf line')
    .argument('<seat-id>', 'the seat id, as "strongroom floor seat-id" printed it on that machine')
    .requiredOption('--database <name>', "the floor's database")
    .addOption(
      new Option(
        '--address <address>',
        "the seat's address in the pg_hba.conf line: samenet, samehost or a CIDR",
      ).default('samenet'),
    )
    .option('--json', 'print one JSON object')
    .addHelpText('after', '\nstdin: not read. No connection is made.')
    .action(async (seatId: string, options: { database: string; address: string; json?: boolean }) => {
      const admission = seatRoleStatements(options.database, seatId, options.address);
      if (options.json) await io.out.json({ database: options.database, ...admission });
      else await io.out.line(admissionLines(options.database, admission).join('\n'));
    });

  registerFloorJoin(floor, io);
}

/** The server refusing the DBA a privilege it needs (42501): said for a DBA, not for a seat. */
function dbaRefusal(err: unknown): unknown {
  if (err instanceof VaultError && err.key === 'floor.refused')
    return new VaultError('NOT_PERMITTED', 'floor.dbaRefused');
  return err;
}
