/**
 * Signing in on a floor (docs/floor-schema.md, "Sign-in"): auth_begin commits a failure and
 * hands out a ticket, Argon2id runs here, auth_finish checks the proof and only then releases
 * the keyslot. The server keeps the count, so neither a seat's rollback, its clock, a restart
 * nor a failover undoes it; nothing about the attempt is written on this machine.
 */
import { accountById, recordLogin } from '../accounts/account-repository';
import { fail } from '../errors';
import { loadEpochKeys, type EpochKeys } from '../keyring/epoch-keys';
import { authKeyOf, authProof } from '../keyring/floor-auth';
import { deriveKek, type KdfParams } from '../keyring/kdf';
import { KeyslotSchema, openSlotWithKek, unsealVmk, usernameLookup } from '../keyring/keyring';
import { noteSeat } from '../seats/seat-repository';
import { assertRunnable } from '../store/migrate';
import { sqlState } from '../store/pg-dialect';
import { PgStore } from '../store/pg-store';
import { sql } from '../store/sql';
import { defaultEnv, type VaultEnv } from '../vault/env';
import { floorConnection, readFloorFile } from '../vault/floor-file';
import { readFloorInfo, type FloorFacts } from '../floor/floor-info';
import { FloorVault } from '../vault/floor-vault';
import { admissionOf } from './admission';
import { Session } from './session';

/** The KDF parameters the server sent, held to the same bounds as a keyslot read from a file. */
export function parseKdf(text: string): KdfParams {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    fail('VAULT_DAMAGED', 'vault.damaged');
  }
  const parsed = KeyslotSchema.shape.kdf.safeParse(json);
  if (!parsed.success) fail('VAULT_DAMAGED', 'vault.damaged');
  return parsed.data;
}

/** A seat over its sign-in limit (0006-sign-in-throttle.pg.ts): `throttled:<ms until it may try>`. */
export function throttledFor(err: unknown): number | null {
  if (sqlState(err) !== 'SR004') return null;
  const ms = Number(/^throttled:(\d+)$/.exec((err as Error).message)?.[1]);
  return Number.isSafeInteger(ms) ? ms : null;
}

function failThrottled(ms: number): never {
  fail('LOCKED_OUT', 'login.seatThrottled', { seconds: Math.ceil(ms / 1000) });
}

/** auth_begin's refusal of a locked name: `locked:<until>` with DETAIL `now:<server ms>`. */
export function lockedUntilOf(err: unknown): { until: number; now: number } | null {
  if (sqlState(err) !== 'SR002') return null;
  const until = Number(/^locked:(\d+)$/.exec((err as Error).message)?.[1]);
  const now = Number(/^now:(\d+)$/.exec(String((err as { detail?: unknown }).detail))?.[1]);
  return Number.isSafeInteger(until) && Number.isSafeInteger(now) ? { until, now } : null;
}

export async function readFacts(store: PgStore): Promise<FloorFacts> {
  const facts = await readFloorInfo(store);
  if (!facts) fail('INPUT_REJECTED', 'floor.notInitialised');
  return facts;
}

export async function floorLogin(
  dataDir: string,
  username: string,
  password: string,
  env: VaultEnv = defaultEnv,
): Promise<Session> {
  const file = await readFloorFile(dataDir);
  const server = await PgStore.connect(await floorConnection(dataDir, file));
  let vault: FloorVault | undefined;
  try {
    await assertRunnable(server);
    const facts = await readFacts(server);
    const signedIn = await signIn(dataDir, server, facts, username, password, env);
    vault = signedIn.vault;
    return await admit(vault, signedIn.accountId, file.database);
  } catch (err) {
    if (vault) await vault.close().catch(() => undefined);
    else await server.close().catch(() => undefined);
    throw err;
  }
}

async function signIn(
  dataDir: string,
  server: PgStore,
  facts: FloorFacts,
  username: string,
  password: string,
  env: VaultEnv,
): Promise<{ vault: FloorVault; accountId: number }> {
  const lookup = usernameLookup(facts.lookupSalt, username);
  let begun: { ticket: number; challenge: Buffer; kdf: string };
  try {
    // Its own transaction: the counted failure commits before the password is tried.
    begun = (await server.get(sql`SELECT ticket, challenge, kdf FROM auth_begin(${lookup})`))!;
  } catch (err) {
    const throttled = throttledFor(err);
    if (throttled !== null) failThrottled(throttled);
    const locked = lockedUntilOf(err);
    if (!locked) throw err;
    // auth_begin's own writes were undone with its error: the refusal is recorded on its own
    // (unless this seat is over its limit, which the refusal then says instead).
    await server.get(sql`SELECT auth_refused(${lookup}) AS noted`).catch((refusal: unknown) => {
      const wait = throttledFor(refusal);
      if (wait === null) throw refusal;
      failThrottled(wait);
    });
    fail('LOCKED_OUT', 'login.locked', { minutes: Math.ceil((locked.until - locked.now) / 60_000) });
  }
  const kek = await deriveKek(password, parseKdf(begun.kdf));
  try {
    const authKey = authKeyOf(kek, facts.vaultId);
    const proof = authProof(authKey, begun.challenge);
    authKey.fill(0);
    const row = await server.get<{ account_id: number; slot: string; session_token: Buffer }>(
      sql`SELECT account_id, slot, session_token FROM auth_finish(${begun.ticket}, ${proof})`,
    );
    if (!row) fail('AUTH_FAILED', 'login.failed');
    const keys = await keysFrom(server, row.session_token, facts, row.slot, row.account_id, kek);
    const vault = new FloorVault(dataDir, server, row.session_token, keys.facts, keys.vmk, keys.epochs, env);
    try {
      await vault.reloadSettings();
      await vault.loadTimeFloor();
      await vault.listenForSettings();
    } catch (err) {
      await vault.close().catch(() => undefined);
      throw err;
    }
    return { vault, accountId: row.account_id };
  } finally {
    kek.fill(0);
  }
}

/**
 * Opens the keyslot the server released and the epoch keys sealed under its VMK, at the epoch
 * the new session belongs to (a rotation may have moved the floor since `facts` were read; one
 * after the session opened refuses it, SR006: sign in again).
 */
async function keysFrom(
  server: PgStore,
  token: Buffer,
  facts: FloorFacts,
  slotText: string,
  accountId: number,
  kek: Buffer,
): Promise<{ vmk: Buffer; epochs: EpochKeys[]; facts: FloorFacts }> {
  let json: unknown;
  try {
    json = JSON.parse(slotText);
  } catch {
    json = null;
  }
  const slot = KeyslotSchema.safeParse(json);
  if (!slot.success || slot.data.accountId !== accountId) fail('VAULT_DAMAGED', 'vault.damaged');
  const seed = openSlotWithKek(facts.vaultId, slot.data, kek);
  if (!seed) fail('VAULT_DAMAGED', 'vault.damaged');
  try {
    return await server.transaction(async (tx) => {
      await tx.get(sql`SELECT act_as(${token}) AS account`);
      const now = (await readFloorInfo(tx)) ?? facts;
      if (now.vaultId !== facts.vaultId) fail('VAULT_DAMAGED', 'vault.damaged');
      const vmk = unsealVmk({ vaultId: facts.vaultId, epoch: now.epoch }, slot.data, seed);
      // The slot was read just before a rotation sealed the new key to it: sign in again.
      if (!vmk)
        fail(
          now.epoch !== facts.epoch ? 'NO_SESSION' : 'VAULT_DAMAGED',
          now.epoch !== facts.epoch ? 'session.keyRotated' : 'vault.damaged',
        );
      try {
        return { vmk, epochs: await loadEpochKeys(tx, vmk, facts.vaultId, now.epoch), facts: now };
      } catch (err) {
        vmk.fill(0);
        throw err;
      }
    });
  } finally {
    seed.fill(0);
  }
}

/** Seat binding, password expiry and the login event, as on a station (admission.ts). */
async function admit(vault: FloorVault, accountId: number, database: string): Promise<Session> {
  const now = vault.now();
  const account = await accountById(vault.db, accountId);
  if (!account || account.state !== 'active') fail('AUTH_FAILED', 'login.failed');
  const { refused, passwordChange, events } = await admissionOf(vault.db, vault, account, now);
  await vault.db.transaction(async (tx) => {
    const before = await vault.signInEvents(tx, database);
    await noteSeat(tx, vault.seatId, now);
    await vault.audit.append(tx, ...before, ...events);
    if (!refused) await recordLogin(tx, account.id, now);
  });
  if (refused) fail('NOT_PERMITTED', 'login.seatNotBound', { seat: vault.seatId });
  return new Session(vault, { ...account, lastLoginAt: now }, now, passwordChange);
}
