/**
 * Connections the floor setup commands make themselves, before any vault or session exists: the
 * DBA's (floor init, floor migrate) and a joining seat's check. TLS material is read from the
 * files named on the command line and passed to the driver as an object — never a URL's sslmode,
 * never rejectUnauthorized: false. Driver failures become one of our errors, without server text.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import type pg from 'pg';
import { VaultError } from '../core/errors';
import { FLOOR_CONNECTION_OPTIONS, type SeatAdmission } from '../core/floor/floor-init';
import { readBounded } from '../core/fs/outside-file';
import { sqlState } from '../core/store/pg-dialect';
import { PgStore } from '../core/store/pg-store';
import type { DatabaseUrl } from './database-url';

const MAX_PEM_BYTES = 64 * 1024;
const CONNECT_TIMEOUT_MS = 10_000;

export type PemKind = 'CA certificate' | 'certificate' | 'private key';

/** A PEM file named on the command line, checked to be what it claims (a passphrase-protected key is not). */
export async function readPem(file: string, kind: PemKind): Promise<string> {
  const text = await readBounded(path.resolve(file), MAX_PEM_BYTES).catch(() => null);
  if (text?.includes('-----BEGIN ')) {
    try {
      if (kind === 'private key') createPrivateKey(text);
      else new X509Certificate(text);
      return text;
    } catch {
      // Said below, as for a file that could not be read.
    }
  }
  if (kind === 'private key') throw new VaultError('INPUT_REJECTED', 'floor.keyUnreadable', { file });
  throw new VaultError('INPUT_REJECTED', 'floor.pemUnreadable', { file, kind });
}

/** The common name a client certificate carries (PostgreSQL's `cert` login maps it to the role). */
export function commonNameOf(certPem: string): string | null {
  const subject = new X509Certificate(certPem).subject;
  const cn = subject.split('\n').find((part) => part.startsWith('CN='));
  return cn === undefined ? null : cn.slice(3);
}

/** The key belongs to the certificate (else the server would refuse the handshake, less clearly). */
export function keyMatches(certPem: string, keyPem: string): boolean {
  return new X509Certificate(certPem).checkPrivateKey(createPrivateKey(keyPem));
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

/**
 * The name the server's certificate must carry. For a host name the driver uses the host itself;
 * for an address it is --servername, or else the address is checked against the certificate's
 * IP entries (an address must never be sent as a TLS server name: RFC 6066).
 */
export function serverName(host: string, servername: string | undefined): { servername?: string } {
  if (servername !== undefined) return { servername };
  return net.isIP(host) === 0 ? { servername: host } : {};
}

/** Handshake failures that mean "this is not the server --ca vouches for", not "no server". */
const TLS_UNTRUSTED =
  /^(ERR_TLS_CERT_ALTNAME_INVALID|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|CERT_HAS_EXPIRED|CERT_NOT_YET_VALID|CERT_UNTRUSTED|CERT_REJECTED|CERT_SIGNATURE_FAILURE|HOSTNAME_MISMATCH)$/;
/** The server ended the handshake: it did not take our client certificate. */
const TLS_ALERT = /^ERR_SSL_(TLSV1|SSLV3|TLSV13)_ALERT_/;
const NAME_NOT_FOUND = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH']);

/**
 * A connection's failure as one of ours. `who` is the role that tried (never a password or the
 * server's own text: it can quote names and settings).
 */
export function connectionFailure(err: unknown, who: { role: string; database: string }): unknown {
  if (err instanceof VaultError) return err;
  const state = sqlState(err);
  const code = (err as { code?: unknown } | null)?.code;
  const message = err instanceof Error ? err.message : '';
  // 28000: no pg_hba.conf line, or the certificate's CN is not the role; 28P01: wrong password.
  if (state === '28000' || state === '28P01') return new VaultError('AUTH_FAILED', 'floor.signInRefused', who);
  if (state === '3D000') return new VaultError('INPUT_REJECTED', 'floor.noDatabase', { database: who.database });
  if (typeof code === 'string' && TLS_UNTRUSTED.test(code))
    return new VaultError('AUTH_FAILED', 'floor.serverUntrusted');
  if (/does not support SSL/i.test(message)) return new VaultError('AUTH_FAILED', 'floor.serverUntrusted');
  if (typeof code === 'string' && TLS_ALERT.test(code))
    return new VaultError('AUTH_FAILED', 'floor.signInRefused', who);
  if (typeof code === 'string' && NAME_NOT_FOUND.has(code)) return new VaultError('UNAVAILABLE', 'floor.unreachable');
  return err;
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
