/**
 * Connections the floor setup commands make themselves, before any vault or session exists: the
 * DBA's (floor init, floor migrate) and a joining seat's check. TLS material is read from the
 * files named on the command line and passed to the driver as an object — never a URL's sslmode,
 * never rejectUnauthorized: false. Driver failures become one of our errors, without server text.
 */
import path from 'node:path';
import type pg from 'pg';
import { VaultError } from '../core/errors';
import { FLOOR_CONNECTION_OPTIONS, type SeatAdmission } from '../core/floor/floor-init';
import { readBounded } from '../core/fs/outside-file';
import { connectionFailure, isPem, keyMatches, serverName, type PemKind } from '../core/floor/seat-credentials';
import { PgStore } from '../core/store/pg-store';
import type { DatabaseUrl } from './database-url';

const MAX_PEM_BYTES = 64 * 1024;
const CONNECT_TIMEOUT_MS = 10_000;

/** A PEM file named on the command line, checked to be what it claims (a passphrase-protected key is not). */
export async function readPem(file: string, kind: PemKind): Promise<string> {
  const text = await readBounded(path.resolve(file), MAX_PEM_BYTES).catch(() => null);
  if (text !== null && isPem(text, kind)) return text;
  if (kind === 'private key') throw new VaultError('INPUT_REJECTED', 'floor.keyUnreadable', { file });
  throw new VaultError('INPUT_REJECTED', 'floor.pemUnreadable', { file, kind });
}

export interface TlsFiles {
  ca?: string | undefined;
  cert?: string | undefined;
  key?: string | undefined;
  servername?: string | undefined;
}

/**
 * The DBA's connection: a Unix socket (no TLS), or TCP with TLS verified against --ca, and a
 * client certificate when --cert/--key are given. Without a password in the URL the driver
 * uses PGPASSWORD or ~/.pgpass, as psql does.
 */
export async function dbaConnection(url: DatabaseUrl, tls: TlsFiles): Promise<pg.PoolConfig> {
  const base = {
    host: url.host,
    port: url.port,
    database: url.database,
    user: url.user,
    ...(url.password === undefined ? {} : { password: url.password }),
    options: FLOOR_CONNECTION_OPTIONS,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  };
  if (url.socket) {
    if (tls.ca ?? tls.cert ?? tls.key ?? tls.servername) throw new VaultError('USAGE', 'usage.socketTls');
    // Explicitly off: a Unix socket has no TLS, whatever PGSSLMODE says.
    return { ...base, ssl: false };
  }
  if (tls.ca === undefined) throw new VaultError('USAGE', 'usage.tlsCa');
  if ((tls.cert === undefined) !== (tls.key === undefined)) throw new VaultError('USAGE', 'usage.tlsPair');
  const ca = await readPem(tls.ca, 'CA certificate');
  const client =
    tls.cert !== undefined && tls.key !== undefined
      ? { cert: await readPem(tls.cert, 'certificate'), key: await readPem(tls.key, 'private key') }
      : {};
  if (client.cert !== undefined && !keyMatches(client.cert, client.key))
    throw new VaultError('INPUT_REJECTED', 'floor.keyMismatch');
  return { ...base, ssl: { ca, ...client, ...serverName(url.host, tls.servername) } };
}

/** Connects (one round trip proves it), with failures said as ours. */
export async function connect(config: pg.PoolConfig): Promise<PgStore> {
  try {
    return await PgStore.connect(config);
  } catch (err) {
    throw connectionFailure(err, { role: config.user ?? '', database: config.database ?? '' });
  }
}

/** What a DBA does to admit one seat, as lines to print (`floor init`, `floor seat-role`). */
export function admissionLines(database: string, admission: SeatAdmission): string[] {
  return [
    `role ${admission.role}`,
    `As the DBA, in database ${database}:`,
    ...admission.statements.map((s) => `  ${s}`),
    'In pg_hba.conf, above any broader line (then reload the server):',
    `  ${admission.hbaLine}`,
    `The seat's client certificate: CN=${admission.role}, signed by the CA in the server's ssl_ca_file.`,
  ];
}
