/**
 * 楼层建库 — a new floor: the schema, roles and functions on an empty PostgreSQL database
 * (floor-init.ts), then the vault itself — its id, master key, first key epoch and first IT
 * account bound to this seat — written as the floor's owner in one transaction.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { assertAcceptablePassword } from '../accounts/password-acceptance';
import { AuditLog } from '../audit/audit-log';
import { initFloorSchema, insertFirstKeyslot, insertFloorInfo, ownerStore } from '../floor/floor-init';
import { keysOf, storeEpochKeys, wipeEpochKeys } from '../keyring/epoch-keys';
import { FieldCipher } from '../keyring/field-cipher';
import { authKeyOf } from '../keyring/floor-auth';
import { deriveKek, newKdfParams } from '../keyring/kdf';
import { newLookupSalt, normaliseUsername, slotUnderKek } from '../keyring/keyring';
import { DEFAULT_POLICY } from '../policy/policy';
import { deriveSeatId } from '../seats/seat-id';
import type { PgStore } from '../store/pg-store';
import type { CreateInput } from './create-vault';
import { defaultEnv, type VaultEnv } from './env';
import { insertFirstAccount } from './first-account';
import { insertVaultMeta } from './meta-repository';

/**
 * `store` is the DBA's connection to the empty database `database` (CREATEROLE, owns it).
 * Returns the new vault's id; this seat is the first IT account's bound seat.
 */
export async function createFloor(
  store: PgStore,
  database: string,
  input: CreateInput,
  env: VaultEnv = defaultEnv,
): Promise<{ vaultId: string; seatId: string }> {
  const username = normaliseUsername(input.username);
  const displayName = input.displayName?.trim() || username;
  assertAcceptablePassword(input.password, DEFAULT_POLICY, { username, displayName });
  await initFloorSchema(store, database);
  const vaultId = randomUUID();
  const vmk = randomBytes(32);
  const lookupSalt = newLookupSalt();
  const at = env.clock.now();
  const seat = deriveSeatId(vaultId, env.machineId());
  const kdf = newKdfParams();
  const kek = await deriveKek(input.password, kdf);
  const epoch = keysOf(vmk, vaultId, 1, 1, at);
  const audit = new AuditLog(Buffer.from(epoch.auditKey), vaultId);
  // The first account's name goes to the server sealed, like every name after it.
  store.fields.use(new FieldCipher(vmk, vaultId));
  try {
    await ownerStore(store, database).transaction(async (tx) => {
      await insertFloorInfo(tx, { vaultId, lookupSalt, epoch: 1, createdAt: at });
      await insertVaultMeta(tx, vaultId, at);
      await storeEpochKeys(tx, vmk, vaultId, [epoch]);
      const id = await insertFirstAccount(tx, audit, {
        vaultId,
        username,
        displayName,
        password: input.password,
        seat,
        at,
      });
      const slot = slotUnderKek({ vaultId, epoch: 1, lookupSalt }, { username, id }, kek, kdf, vmk);
      const authKey = authKeyOf(kek, vaultId);
      await insertFirstKeyslot(tx, {
        accountId: id,
        lookup: slot.lookup,
        slot: JSON.stringify(slot),
        authKey,
        epoch: 1,
      });
      authKey.fill(0);
    });
  } finally {
    store.fields.wipe();
    kek.fill(0);
    vmk.fill(0);
    audit.wipe();
    wipeEpochKeys([epoch]);
  }
  return { vaultId, seatId: seat };
}
