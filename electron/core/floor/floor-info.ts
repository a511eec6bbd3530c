/**
 * 楼层信息 — floor_info, the floor's public facts: written once at init by the owner, read by
 * seats before anyone signs in (docs/floor-schema.md). The floor domain owns the table, so other
 * domains read it through here.
 */
import { sql } from '../store/sql';
import type { Queryable } from '../store/store';

export interface FloorInfo {
  vaultId: string;
  /** 64 hex digits: the salt of every username lookup (docs/keyring-format.md). */
  lookupSalt: string;
  /** The vault key's epoch (follows key_epochs). */
  epoch: number;
  createdAt: number;
}

/** As seats read it: the generation moves with every change to policy or the role matrix. */
export interface FloorFacts extends FloorInfo {
  generation: number;
}

/** Writes floor_info in an owner transaction (ownerStore) during init. */
export async function insertFloorInfo(tx: Queryable, info: FloorInfo): Promise<void> {
  await tx.run(sql`INSERT INTO floor_info (vault_id, lookup_salt, epoch, created_at)
                   VALUES (${info.vaultId}, ${info.lookupSalt}, ${info.epoch}, ${info.createdAt})`);
}

/** floor_info, or null before init wrote it. */
export async function readFloorInfo(db: Queryable): Promise<FloorFacts | null> {
  const row = await db.get<FloorFacts>(sql`
    SELECT vault_id AS "vaultId", lookup_salt AS "lookupSalt", epoch, generation, created_at AS "createdAt"
      FROM floor_info`);
  return row ?? null;
}
