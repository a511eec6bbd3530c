/**
 * `floor join`: makes --data-dir this machine's seat on a floor, through the router's
 * vault.joinFloor as the app's first run does (electron/core/vault/join-floor.ts checks the
 * certificate, the key and the server before anything is written). Here: the files are read.
 */
import net from 'node:net';
import { Command, InvalidArgumentError, Option } from 'commander';
import { VaultError } from '../../core/errors';
import { CliContext, type CliIo } from '../context';
import { readPem } from '../floor-connect';

interface JoinOptions {
  host: string;
  port: number;
  database: string;
  user: string;
  ca: string;
  cert: string;
  key: string;
  servername?: string;
  standby: { host: string; port: number; servername?: string }[];
}

/** `--standby host:port[,servername]`, repeatable, in the order they are tried. */
function parseStandby(text: string, previous: JoinOptions['standby'] = []): JoinOptions['standby'] {
  const match = /^([^:,\s]+):(\d{1,5})(?:,([^,\s]+))?$/.exec(text);
  if (!match) throw new InvalidArgumentError('a standby is host:port or host:port,servername');
  const [, host, port, servername] = match;
  return [...previous, { host: host!, port: parsePort(port!), ...(servername ? { servername } : {}) }];
}

function parsePort(text: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) < 1 || Number(text) > 65535)
    throw new InvalidArgumentError('a port is 1 to 65535');
  return Number(text);
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
      '--standby <host:port[,servername]>',
      'a server that may be promoted when the primary fails (repeatable, tried in order)',
      parseStandby,
    )
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
      // An address is never sent as a TLS server name (RFC 6066): say it as the flag to add.
      if (options.servername === undefined && net.isIP(options.host) !== 0)
        throw new VaultError('USAGE', 'usage.servernameForAddress');
      const input = {
        dataDir: ctx.dataDir,
        host: options.host,
        port: options.port,
        database: options.database,
        user: options.user,
        ...(options.servername === undefined ? {} : { servername: options.servername }),
        ...(options.standby?.length ? { standbys: options.standby } : {}),
        ca: await readPem(options.ca, 'CA certificate'),
        cert: await readPem(options.cert, 'certificate'),
        key: await readPem(options.key, 'private key'),
      };
      const status = await ctx.call('vault.joinFloor', input);
      await io.out.line(
        `seat ${status.seatId ?? ''} joined floor ${options.database} at ${options.host}:${options.port} as ${options.user}`,
      );
    });
}
