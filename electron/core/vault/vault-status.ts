/** What a data directory holds, readable without a password (no names, no secrets). */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { KEYRING_FILE, readKeyring } from '../keyring/keyring';
import { deriveSeatId } from '../seats/seat-id';
import { defaultEnv, type VaultEnv } from './env';
import { MANIFEST_FILE, readManifest } from './manifest';

export interface VaultStatusInfo {
  initialized: boolean;
  vaultId: string | null;
  schemaVersion: number | null;
  accounts: number | null;
  seatId: string | null;
}

export async function isDirectory(dir: string): Promise<boolean> {
  try {
    return (await fs.stat(dir)).isDirectory();
  } catch {
    return false;
  }
}

export async function vaultStatus(dataDir: string, env: VaultEnv = defaultEnv): Promise<VaultStatusInfo> {
  const none = { initialized: false, vaultId: null, schemaVersion: null, accounts: null, seatId: null };
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
  };
}
