/**
 * 加入楼层 — makes a data directory this machine's seat on a floor: the seat's certificate and
 * key are checked, then the server (connected as the seat, exactly as a sign-in will), and the
 * role must be this machine's seat; only then are the three PEM files written (0600) and
 * floor.json last, so a directory holds floor.json only once the seat is whole. The app's first
 * run and `strongroom floor join` both come here through the router (vault.joinFloor).
 */
import { promises as fs } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fail } from '../errors';
import { FLOOR_CONNECTION_OPTIONS } from '../floor/floor-init';
import { readFloorInfo, type FloorFacts } from '../floor/floor-info';
import { floorRoles, seatIdOfRole } from '../floor/floor-roles';
import { commonNameOf, connectionFailure, isPem, keyMatches, serverName } from '../floor/seat-credentials';
import { writeFileAtomic } from '../fs/atomic-write';
import { deriveSeatId } from '../seats/seat-id';
import { sqlState } from '../store/pg-dialect';
import { PgStore } from '../store/pg-store';
import type { VaultEnv } from './env';
import { writeFloorFile } from './floor-file';
import { isDirectory } from './vault-status';

/** The seat's files in its data directory, as floor.json names them. */
const KEY_FILE = 'seat.key';
const FILES = { ca: 'floor-ca.pem', cert: 'seat.pem', key: KEY_FILE } as const;
const HOSTNAME = /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$|^\[?[0-9A-Fa-f:.]+\]?$/;

export interface JoinInput {
  dataDir: string;
  host: string;
  port: number;
  database: string;
  /** This seat's role, as `floor seat-role` printed it (its certificate's CN). */
  user: string;
  /** The name on the server's certificate; needed when `host` is an address. */
  servername?: string | undefined;
  /** Servers that may be promoted when the primary fails, tried in this order after it. */
  standbys?: { host: string; port: number; servername?: string | undefined }[] | undefined;
  /** PEM texts. */
  ca: string;
  cert: string;
  key: string;
}

function checkHost(name: string): void {
  if (name.length > 253 || !HOSTNAME.test(name)) fail('INPUT_REJECTED', 'floor.badHost');
}

/** True when the directory is there (and empty); refused when it holds anything, or can't be made. */
async function assertFreeDataDir(dataDir: string): Promise<boolean> {
  if (!(await isDirectory(dataDir))) {
    const exists = await fs.lstat(dataDir).then(
      () => true,
      () => false,
    );
    if (exists) fail('INPUT_REJECTED', 'floor.dataDirInUse');
    if (!(await isDirectory(path.dirname(dataDir)))) fail('INPUT_REJECTED', 'floor.dataDirUnusable');
    return false;
  }
  // A vault, a floor seat or anything else: one answer, and nothing of it touched.
  if ((await fs.readdir(dataDir)).length > 0) fail('INPUT_REJECTED', 'floor.dataDirInUse');
  return true;
}

/** Connects as the seat and reads the floor's public facts. */
async function floorFacts(input: JoinInput): Promise<FloorFacts> {
  let store: PgStore;
  try {
    store = await PgStore.connect({
      host: input.host,
      port: input.port,
      database: input.database,
      user: input.user,
      ssl: { ca: input.ca, cert: input.cert, key: input.key, ...serverName(input.host, input.servername) },
      options: FLOOR_CONNECTION_OPTIONS,
      connectionTimeoutMillis: 10_000,
    });
  } catch (err) {
    throw connectionFailure(err, { role: input.user, database: input.database });
  }
  try {
    const facts = await readFloorInfo(store).catch((err: unknown) => {
      // No floor_info (42P01), or no strongroom schema to find it in: not a floor's database.
      if (sqlState(err) === '42P01' || sqlState(err) === '3F000') return null;
      throw err;
    });
    if (!facts) fail('INPUT_REJECTED', 'floor.notInitialised');
    return facts;
  } finally {
    await store.close();
  }
}

export async function joinFloor(input: JoinInput, env: VaultEnv): Promise<{ vaultId: string; seatId: string }> {
  const { dataDir, host, database, user } = input;
  checkHost(host);
  floorRoles(database);
  const seatOfRole = seatIdOfRole(database, user);
  if (seatOfRole === null) fail('INPUT_REJECTED', 'floor.notSeatRole', { database });
  if (input.servername !== undefined) checkHost(input.servername);
  for (const standby of input.standbys ?? []) {
    checkHost(standby.host);
    if (standby.servername !== undefined) checkHost(standby.servername);
    if (standby.servername === undefined && net.isIP(standby.host) !== 0)
      fail('INPUT_REJECTED', 'floor.servernameForAddress');
  }
  // An address is never sent as a TLS server name (RFC 6066), and floor.json would send the host.
  if (input.servername === undefined && net.isIP(host) !== 0) fail('INPUT_REJECTED', 'floor.servernameForAddress');
  let existed = await assertFreeDataDir(dataDir);
  for (const [kind, text] of [
    ['CA certificate', input.ca],
    ['certificate', input.cert],
    ['private key', input.key],
  ] as const)
    if (!isPem(text, kind)) fail('INPUT_REJECTED', 'floor.pemUnusable', { kind });
  const cn = commonNameOf(input.cert);
  if (cn !== user) fail('INPUT_REJECTED', 'floor.certNotForRole', { cn: (cn ?? '').slice(0, 64), role: user });
  if (!keyMatches(input.cert, input.key)) fail('INPUT_REJECTED', 'floor.keyMismatch');

  const facts = await floorFacts(input);
  const seat = deriveSeatId(facts.vaultId, env.machineId());
  if (seat !== seatOfRole) fail('INPUT_REJECTED', 'floor.otherSeat', { role: user, roleSeat: seatOfRole, seat });

  // Again, right before writing: the server check took a while.
  existed = await assertFreeDataDir(dataDir);
  if (!existed) await fs.mkdir(dataDir, { mode: 0o700 });
  const written: string[] = [];
  try {
    for (const [name, file] of Object.entries(FILES) as [keyof typeof FILES, string][]) {
      written.push(file);
      await writeFileAtomic(path.join(dataDir, file), input[name]);
    }
    written.push('floor.json');
    await writeFloorFile(dataDir, {
      format: 'strongroom-floor',
      version: 1,
      host,
      port: input.port,
      database,
      user,
      ...(input.servername === undefined ? {} : { servername: input.servername }),
      ...(input.standbys?.length
        ? {
            standbys: input.standbys.map((s) => ({
              host: s.host,
              port: s.port,
              ...(s.servername === undefined ? {} : { servername: s.servername }),
            })),
          }
        : {}),
      ...FILES,
    });
  } catch (err) {
    for (const file of written) await fs.rm(path.join(dataDir, file), { force: true }).catch(() => undefined);
    if (!existed) await fs.rmdir(dataDir).catch(() => undefined);
    throw err;
  }
  return { vaultId: facts.vaultId, seatId: seat };
}
