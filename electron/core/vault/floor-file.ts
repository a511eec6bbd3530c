/**
 * floor.json: how this seat reaches its floor's PostgreSQL server. It sits in the data
 * directory in place of the embedded vault's files, beside the floor's CA certificate and this
 * seat's client certificate and key (names relative to the directory). No password is in it:
 * the server admits the seat by its certificate (docs/floor-mode.md).
 *
 * A floor with a standby lists it under `standbys`: the seat tries the primary, then each
 * standby in order, and signs in on the first that takes writes (docs/floor-ha.md).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { z } from 'zod';
import { fail } from '../errors';
import { writeFileAtomic } from '../fs/atomic-write';
import { readBounded } from '../fs/outside-file';

export const FLOOR_FILE = 'floor.json';
const MAX_FLOOR_BYTES = 16 * 1024;
const MAX_PEM_BYTES = 64 * 1024;

const identifier = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/);
const hostname = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$|^\[?[0-9A-Fa-f:.]+\]?$/);
/** A plain file name in the data directory: no separators, no parent, no hidden trick. */
const localName = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/);

const port = z.number().int().min(1).max(65535);

/** At most this many standbys: each one a seat can't reach costs a sign-in up to its connect timeout. */
export const MAX_STANDBYS = 4;

/** Per server: how long a seat waits for it to answer before trying the next one. */
const CONNECT_TIMEOUT_MS = 10_000;

const StandbySchema = z.strictObject({
  host: hostname,
  port,
  /** The name its certificate must carry (default: its host). */
  servername: hostname.optional(),
});
export type FloorStandby = z.infer<typeof StandbySchema>;

const FloorFileSchema = z
  .strictObject({
    format: z.literal('strongroom-floor'),
    version: z.literal(1),
    host: hostname,
    port,
    database: identifier,
    /** This seat's database role; its certificate's common name is the same. */
    user: identifier,
    /** The name the server's certificate must carry (default: host). */
    servername: hostname.optional(),
    /** Servers that may be promoted when the primary fails, tried in this order after it. */
    standbys: z.array(StandbySchema).max(MAX_STANDBYS).optional(),
    ca: localName,
    cert: localName,
    key: localName,
  })
  .refine((f) => {
    const servers = [f, ...(f.standbys ?? [])].map((s) => `${s.host.toLowerCase()}:${s.port}`);
    return new Set(servers).size === servers.length;
  }, 'each server once');
export type FloorFile = z.infer<typeof FloorFileSchema>;

export async function hasFloorFile(dataDir: string): Promise<boolean> {
  return fs
    .lstat(path.join(dataDir, FLOOR_FILE))
    .then((s) => s.isFile())
    .catch(() => false);
}

export async function readFloorFile(dataDir: string): Promise<FloorFile> {
  const text = await readBounded(path.join(dataDir, FLOOR_FILE), MAX_FLOOR_BYTES).catch(() => null);
  if (text === null) fail('INPUT_REJECTED', 'floor.fileDamaged');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    fail('INPUT_REJECTED', 'floor.fileDamaged');
  }
  const parsed = FloorFileSchema.safeParse(json);
  if (!parsed.success) fail('INPUT_REJECTED', 'floor.fileDamaged');
  return parsed.data;
}

export async function writeFloorFile(dataDir: string, file: FloorFile): Promise<void> {
  if (!FloorFileSchema.safeParse(file).success) throw new RangeError('floor file out of bounds: not written');
  await writeFileAtomic(path.join(dataDir, FLOOR_FILE), `${JSON.stringify(file, null, 2)}\n`);
}

async function pem(dataDir: string, name: string): Promise<string> {
  const text = await readBounded(path.join(dataDir, name), MAX_PEM_BYTES).catch(() => null);
  if (text === null || !text.includes('-----BEGIN ')) fail('INPUT_REJECTED', 'floor.certificateMissing');
  return text;
}

/** Whether this seat's floor runs a standby (floor.json lists one). */
export function hasStandbys(file: FloorFile): boolean {
  return (file.standbys?.length ?? 0) > 0;
}

/**
 * The connections as node-postgres takes them, one per server: the primary first, then each
 * standby in floor.json's order (PgStore.connect takes the first that accepts writes). The
 * same TLS material for all of them, each server's name checked against the floor's own CA
 * (never a URL's sslmode, never rejectUnauthorized: false).
 */
export async function floorConnection(dataDir: string, file: FloorFile): Promise<pg.PoolConfig[]> {
  const ca = await pem(dataDir, file.ca);
  const cert = await pem(dataDir, file.cert);
  const key = await pem(dataDir, file.key);
  return [file, ...(file.standbys ?? [])].map((server) => ({
    host: server.host,
    port: server.port,
    database: file.database,
    user: file.user,
    ssl: { ca, cert, key, servername: server.servername ?? server.host },
    options: '-c search_path=strongroom',
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  }));
}
