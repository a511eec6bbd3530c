/**
 * Creating a vault: the data directory, its database, the first IT account and its keyslot.
 * Data directory: vault.json (manifest), keyring.json, preauth.json, vault.db (SQLCipher).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import { assertAcceptablePassword } from '../accounts/password-acceptance';
import { AuditLog } from '../audit/audit-log';
import { fail } from '../errors';
import { keysOf, storeEpochKeys, wipeEpochKeys } from '../keyring/epoch-keys';
import {
  KEYRING_FILE,
  makeSlot,
  newLookupSalt,
  normaliseUsername,
  preauthPublicKeyOf,
  sealKeyring,
  writeKeyring,
} from '../keyring/keyring';
import { deriveSubkey } from '../keyring/subkeys';
import { DEFAULT_POLICY } from '../policy/policy';
import { deriveSeatId } from '../seats/seat-id';
import { Db } from '../store/db';
import { migrate } from '../store/migrate';
import { SCHEMA_VERSION } from '../store/schema';
import { defaultEnv, type VaultEnv } from './env';
import { insertFirstAccount } from './first-account';
import { DB_FILE, MANIFEST_FILE, writeManifest } from './manifest';
import { insertVaultMeta, setKeyringGeneration } from './meta-repository';
import { isDirectory } from './vault-status';

export interface CreateInput {
  username: string;
  displayName?: string | undefined;
  password: string;
}

/**
 * One answer for every path that can't hold a new vault (missing parent, not writable, not
 * empty, a vault already there): the first-run screen must not tell what exists where.
 */
function unusable(): never {
  fail('INPUT_REJECTED', 'dataDir.unusable');
}

async function assertUsableForInit(dataDir: string): Promise<void> {
  const parent = path.dirname(path.resolve(dataDir));
  if (!(await isDirectory(dataDir))) {
    if (!(await isDirectory(parent))) unusable();
    try {
      await fs.mkdir(dataDir, { mode: 0o700 });
    } catch {
      unusable();
    }
  }
  // Not empty covers a vault already there too.
  const entries = await fs.readdir(dataDir).catch(() => unusable());
  if (entries.length > 0) unusable();
  try {
    await fs.access(dataDir, constants.W_OK);
    const probe = path.join(dataDir, `.probe-${randomBytes(4).toString('hex')}`);
    await fs.writeFile(probe, '');
    await fs.rm(probe);
  } catch {
    unusable();
  }
}

/**
 * Creates a new vault with its first IT account, bound to this seat; logs "vault.created"
 * as its first event. On any failure the directory is left as it was found.
 */
export async function createVault(dataDir: string, input: CreateInput, env: VaultEnv = defaultEnv): Promise<string> {
  const username = normaliseUsername(input.username);
  const displayName = input.displayName?.trim() || username;
  assertAcceptablePassword(input.password, DEFAULT_POLICY, { username, displayName });
  await assertUsableForInit(dataDir);
  const vaultId = randomUUID();
  const vmk = randomBytes(32);
  const at = env.clock.now();
  const created: string[] = [];
  try {
    const dbKey = deriveSubkey(vmk, vaultId, 'sqlcipher');
    const db = await Db.open(path.join(dataDir, DB_FILE), dbKey, true);
    dbKey.fill(0);
    created.push(DB_FILE);
    // Like every other vault file: readable by the operating-system account that runs the app only.
    await fs.chmod(path.join(dataDir, DB_FILE), 0o600);
    try {
      await migrate(db);
      const epoch = keysOf(vmk, vaultId, 1, 1, at);
      const audit = new AuditLog(Buffer.from(epoch.auditKey), vaultId);
      const seat = deriveSeatId(vaultId, env.machineId());
      const accountId = await db.transaction(async (tx) => {
        await insertVaultMeta(tx, vaultId, at);
        await setKeyringGeneration(tx, 1);
        await storeEpochKeys(tx, vmk, vaultId, [epoch]);
        const id = await insertFirstAccount(tx, audit, {
          vaultId,
          username,
          displayName,
          password: input.password,
          seat,
          at,
        });
        return id;
      });
      audit.wipe();
      wipeEpochKeys([epoch]);
      const lookupSalt = newLookupSalt();
      const slot = await makeSlot({ vaultId, epoch: 1, lookupSalt }, { username, id: accountId }, input.password, vmk);
      const keyring = sealKeyring(vmk, {
        format: 'strongroom-keyring',
        version: 2,
        vaultId,
        epoch: 1,
        generation: 1,
        lookupSalt,
        preauthPublicKey: preauthPublicKeyOf(vmk, vaultId),
        slots: [slot],
      });
      await writeManifest(dataDir, {
        format: 'strongroom-vault',
        version: 1,
        vaultId,
        schemaVersion: SCHEMA_VERSION,
        createdAt: at,
      });
      created.push(MANIFEST_FILE);
      await writeKeyring(path.join(dataDir, KEYRING_FILE), keyring);
      created.push(KEYRING_FILE);
    } finally {
      await db.close();
    }
  } catch (err) {
    for (const name of [...created, `${DB_FILE}-journal`]) await fs.rm(path.join(dataDir, name), { force: true });
    throw err;
  } finally {
    vmk.fill(0);
  }
  return vaultId;
}
