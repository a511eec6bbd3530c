/**
 * The first IT account of a new vault, on either store: its row and password history, bound to
 * the seat that created the vault, and the log's genesis event "vault.created", in the
 * caller's transaction.
 */
import { insertAccount } from '../accounts/account-repository';
import { recordPassword } from '../accounts/password-history';
import type { AuditLog } from '../audit/audit-log';
import { bindSeat, noteSeat } from '../seats/seat-repository';
import { SCHEMA_VERSION } from '../store/schema';
import type { Queryable } from '../store/store';

export interface FirstAccount {
  vaultId: string;
  username: string;
  displayName: string;
  password: string;
  seat: string;
  at: number;
}

export async function insertFirstAccount(tx: Queryable, audit: AuditLog, a: FirstAccount): Promise<number> {
  const id = await insertAccount(tx, {
    username: a.username,
    displayName: a.displayName,
    role: 'it',
    at: a.at,
    createdBy: null,
    mustChangePassword: false,
  });
  await recordPassword(tx, id, a.password, a.at);
  await noteSeat(tx, a.seat, a.at);
  await bindSeat(tx, id, a.seat, id, a.at);
  await audit.append(tx, {
    at: a.at,
    actor: a.username,
    actorId: id,
    seat: a.seat,
    action: 'vault.created',
    object: a.vaultId,
    outcome: 'ok',
    detail: { schemaVersion: SCHEMA_VERSION, firstAccountRole: 'it', boundSeat: a.seat },
  });
  return id;
}
