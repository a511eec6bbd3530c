/**
 * A floor's vault-key rotation, the keyring's part (docs/floor-schema.md, "Replacing the vault
 * key"). The server gives IT's session only the public half of each active account's keyslot;
 * the new key is sealed to each here, and stored with every epoch's keys (sealed under it) by
 * rotate_keys, which also moves the floor, and this session alone, to the new epoch.
 */
import { z } from 'zod';
import { fail } from '../errors';
import { sql } from '../store/sql';
import type { Queryable } from '../store/store';
import { sealedEpochRows, type EpochKeys } from './epoch-keys';
import { fieldKeysOf, type FieldKeys } from './field-cipher';
import { KeyslotSchema, sealVmkFor } from './keyring';

const SlotHalf = z.strictObject({
  account_id: z.number().int().positive(),
  slot_id: KeyslotSchema.shape.slotId,
  public_key: KeyslotSchema.shape.publicKey,
});

/**
 * In the caller's transaction (act_as'd by IT, holding the chain lock): seals `vmk` to every
 * active account's slot and stores `epochs` (oldest first, the new one last) under it. Returns
 * how many slots hold the new key.
 */
export async function storeFloorRotation(
  tx: Queryable,
  token: Buffer,
  vaultId: string,
  vmk: Buffer,
  epochs: readonly EpochKeys[],
): Promise<number> {
  const epoch = epochs[epochs.length - 1]!.epoch;
  const rows = await tx.all<unknown>(sql`SELECT account_id, slot_id, public_key FROM rotation_slots(${token})`);
  const seals: Record<string, unknown> = {};
  for (const row of rows) {
    const half = SlotHalf.safeParse(row);
    if (!half.success) fail('VAULT_DAMAGED', 'vault.damaged');
    const { account_id: accountId, slot_id: slotId, public_key: publicKey } = half.data;
    seals[String(accountId)] = sealVmkFor({ vaultId, epoch }, { slotId, accountId, publicKey }, vmk);
  }
  const sealed = sealedEpochRows(vmk, vaultId, epochs).map((r) => ({
    epoch: r.epoch,
    first_seq: r.firstSeq,
    started_at: r.startedAt,
    sealed: r.sealed.toString('hex'),
  }));
  const done = await tx.get<{ slots: number }>(
    sql`SELECT rotate_keys(${token}, ${epoch}, ${JSON.stringify(seals)}, ${JSON.stringify(sealed)}) AS slots`,
  );
  return done?.slots ?? 0;
}

/**
 * The field keys of each epoch, oldest first: carried in its row, or, for the current epoch
 * before the floor's first rotation, derived from its VMK. An older epoch without them can't be
 * read: damaged.
 */
export function fieldKeysOfEpochs(
  epochs: readonly EpochKeys[],
  vmk: Buffer,
  current: number,
  vaultId: string,
): FieldKeys[] {
  return epochs.map((e) => {
    if (e.fields) return e.fields;
    if (e.epoch === current) return fieldKeysOf(vmk, vaultId);
    fail('VAULT_DAMAGED', 'vault.damaged');
  });
}

/** Own copies of an epoch's keys, with its field keys. */
export function copyEpoch(e: EpochKeys, fields: FieldKeys): EpochKeys {
  return {
    epoch: e.epoch,
    firstSeq: e.firstSeq,
    startedAt: e.startedAt,
    auditKey: Buffer.from(e.auditKey),
    preauthSeed: Buffer.from(e.preauthSeed),
    check: Buffer.from(e.check),
    fields: { seal: Buffer.from(fields.seal), index: Buffer.from(fields.index) },
  };
}
