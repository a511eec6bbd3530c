/** What a data directory holds, readable without a password (no names, no secrets). */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { KEYRING_FILE, readKeyring } from '../keyring/keyring';
import { deriveSeatId } from '../seats/seat-id';
import { defaultEnv, type VaultEnv } from './env';
import { readFloorInfo } from '../floor/floor-info';
import { PgStore } from '../store/pg-store';
import { schemaState } from '../store/migrate';
import { floorConnection, hasFloorFile, readFloorFile } from './floor-file';
import { MANIFEST_FILE, readManifest } from './manifest';

export interface VaultStatusInfo {
  initialized: boolean;
  vaultId: string | null;
  schemaVersion: number | null;
  accounts: number | null;
  seatId: string | null;
  /** A floor seat: where its server is (no secrets); null for a station's own vault. */
  floor: { host: string; port: number; database: string } | null;
}

export async function isDirectory(dir: string): Promise<boolean> {
  try {
    return (await fs.stat(dir)).isDirectory();
  } catch {
    return false;
  }
}

export async function vaultStatus(dataDir: string, env: VaultEnv = defaultEnv): Promise<VaultStatusInfo> {
  const none = { initialized: false, vaultId: null, schemaVersion: null, accounts: null, seatId: null, floor: null };
  if (await hasFloorFile(dataDir)) return floorStatus(dataDir, env);
  try {
    await fs.access(path.join(dataDir, MANIFEST_FILE));
  } catch {
    return none;
  }
  const manifest = await readManifest(dataDir);
  const keyring = await readKeyring(path.join(dataDir, KEYRING_FILE));
  return {
    initialized: true,
    vaultId: manifest.vaultId,
    schemaVersion: manifest.schemaVersion,
    accounts: keyring.slots.length,
    seatId: deriveSeatId(manifest.vaultId, env.machineId()),
    floor: null,
  };
}

/**
 * A floor seat's status, read from the server as the seat (floor_info needs no sign-in). A
 * server that can't be reached leaves the ids unknown; signing in says why.
 */
async function floorStatus(dataDir: string, env: VaultEnv): Promise<VaultStatusInfo> {
  const file = await readFloorFile(dataDir);
  const floor = { host: file.host, port: file.port, database: file.database };
  const unknown = { initialized: true, vaultId: null, schemaVersion: null, accounts: null, seatId: null, floor };
  let store: PgStore;
  try {
    const servers = await floorConnection(dataDir, file);
    store = await PgStore.connect(servers.map((server) => ({ ...server, connectionTimeoutMillis: 5_000 })));
  } catch {
    return unknown;
  }
  try {
    const info = await readFloorInfo(store);
    if (!info) return unknown;
    const { version } = await schemaState(store);
    return {
      ...unknown,
      vaultId: info.vaultId,
      schemaVersion: version,
      seatId: deriveSeatId(info.vaultId, env.machineId()),
    };
  } catch {
    return unknown;
  } finally {
    await store.close();
  }
}
