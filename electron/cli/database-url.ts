/**
 * --database-url / STRONGROOM_DATABASE_URL: where the floor's DBA connects (floor init, floor
 * migrate). Parsed here, never handed to the driver as a connection string: TLS comes from
 * --ca/--cert/--key as an object, so a URL's sslmode (whose meaning changes between versions) or
 * any other parameter is refused rather than half-honoured. Errors never echo the URL (it may
 * hold a password).
 */
import { VaultError } from '../core/errors';

export interface DatabaseUrl {
  user: string;
  /** When the URL has one; otherwise the driver's PGPASSWORD or ~/.pgpass. */
  password: string | undefined;
  /** A host name or address, or a Unix socket's directory (`socket`). */
  host: string;
  port: number;
  database: string;
  /** A Unix socket (host=/dir, or a host starting with '/'): local, no TLS. */
  socket: boolean;
}

const SCHEME = /^postgres(?:ql)?:\/\//i;
/** As floor.json's host: a name or an address, nothing a list or a URL could hide in. */
const HOSTNAME = /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$|^[0-9A-Fa-f:.]+$/;
/** What libpq would also accept as query parameters, and the only ones that mean the same here. */
const PARAMETERS = new Set(['host', 'port']);

function bad(): never {
  throw new VaultError('USAGE', 'usage.databaseUrl');
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    bad();
  }
}

function portOf(text: string): number {
  if (!/^\d{1,5}$/.test(text)) bad();
  const port = Number(text);
  if (port < 1 || port > 65535) bad();
  return port;
}

/** `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?host=/socket/dir][&port=N]` */
export function parseDatabaseUrl(url: string): DatabaseUrl {
  const scheme = SCHEME.exec(url);
  if (!scheme || /[\s#]/.test(url)) bad();
  const rest = url.slice(scheme[0].length);
  const [beforeQuery = '', query, extra] = rest.split('?');
  if (extra !== undefined) bad();
  const slash = beforeQuery.indexOf('/');
  if (slash < 0) bad();
  const authority = beforeQuery.slice(0, slash);
  const database = decode(beforeQuery.slice(slash + 1));
  const at = authority.lastIndexOf('@');
  if (at < 0) bad();
  const userInfo = authority.slice(0, at);
  const colon = userInfo.indexOf(':');
  const user = decode(colon < 0 ? userInfo : userInfo.slice(0, colon));
  const password = colon < 0 ? undefined : decode(userInfo.slice(colon + 1));
  const hostPort = authority.slice(at + 1);

  let host = '';
  let port = 5432;
  const bracketed = /^\[([0-9A-Fa-f:.]+)\](?::(\d+))?$/.exec(hostPort);
  if (bracketed) {
    host = bracketed[1]!;
    if (bracketed[2] !== undefined) port = portOf(bracketed[2]);
  } else if (hostPort !== '') {
    const portAt = hostPort.lastIndexOf(':');
    host = decode(portAt < 0 ? hostPort : hostPort.slice(0, portAt));
    // An IPv6 address in the authority goes in brackets; unbracketed it can't be told from a port.
    if (!host.startsWith('/') && host.includes(':')) bad();
    if (portAt >= 0) port = portOf(hostPort.slice(portAt + 1));
  }

  const seen = new Set<string>();
  for (const pair of query === undefined || query === '' ? [] : query.split('&')) {
    const eq = pair.indexOf('=');
    const name = eq < 0 ? pair : pair.slice(0, eq);
    if (!PARAMETERS.has(name) || seen.has(name) || eq < 0) bad();
    seen.add(name);
    const value = decode(pair.slice(eq + 1));
    if (name === 'host') host = value;
    else port = portOf(value);
  }

  const socket = host.startsWith('/');
  if (user === '' || database === '' || database.includes('/')) bad();
  if (socket ? /[\0\n]/.test(host) : !HOSTNAME.test(host) || host.length > 253) bad();
  return { user, password, host, port, database, socket };
}
