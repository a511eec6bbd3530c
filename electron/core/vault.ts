/**
 * The vault: create it, unlock it with a password (a keyslot), and hand back a Session.
 * Data directory: vault.json (manifest), keyring.json, preauth.json, vault.db (SQLCipher).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import { AuditLog, type NewEvent } from './audit/audit-log';
import { accountById, insertAccount, recordLogin } from './auth/accounts';
import { recordPassword } from './auth/password-history';
import { assertAcceptablePassword } from './auth/password-acceptance';
import { PreauthJournal } from './auth/preauth-journal';
import { privateKeyFromSeed, rawPublicKey } from './auth/preauth-seal';
import { deriveSeatId, osMachineId } from './auth/seat';
import { bindSeat, isBound, noteSeat } from './auth/seats';
import { systemClock } from './clock';
import { fail, VaultError } from './errors';
import {
  burnKdf,
  findSlot,
  KEYRING_FILE,
  makeSlot,
  newLookupSalt,
  normaliseUsername,
  openSlot,
  readKeyring,
  sealKeyring,
  usernameLookup,
  writeKeyring,
  type KeyringFile,
} from './keyring/keyring';
import { deriveSubkey } from './keyring/subkeys';
import { DB_FILE, MANIFEST_FILE, readManifest, writeManifest } from './manifest';
import { OpenVault, type VaultEnv } from './open-vault';
import { DEFAULT_POLICY } from './policy/policy';
import { Db } from './store/db';
import { migrate } from './store/migrate';
import { SCHEMA_VERSION } from './store/migrations';
import { sql } from './store/sql';
import { Session, type PasswordChange } from './session';

export { OpenVault, type VaultEnv } from './open-vault';

export const defaultEnv: VaultEnv = { clock: systemClock, machineId: osMachineId };

export interface VaultStatusInfo {
  initialized: boolean;
  vaultId: string | null;
  schemaVersion: number | null;
  accounts: number | null;
  seatId: string | null;
}

export interface CreateInput {
  username: string;
  displayName?: string | undefined;
  password: string;
}

const DAY = 86_400_000;

async function isDirectory(dir: string): Promise<boolean> {
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

async function assertUsableForInit(dataDir: string): Promise<void> {
  const parent = path.dirname(path.resolve(dataDir));
  if (!(await isDirectory(dataDir))) {
    if (!(await isDirectory(parent))) fail('INPUT_REJECTED', 'dataDir.missing');
    try {
      await fs.mkdir(dataDir, { mode: 0o700 });
    } catch {
      fail('INPUT_REJECTED', 'dataDir.notWritable');
    }
  }
  const entries = await fs.readdir(dataDir);
  if (entries.includes(MANIFEST_FILE) || entries.includes(KEYRING_FILE) || entries.includes(DB_FILE))
    fail('INPUT_REJECTED', 'vault.exists');
  if (entries.length > 0) fail('INPUT_REJECTED', 'dataDir.notEmpty');
  try {
    await fs.access(dataDir, constants.W_OK);
    const probe = path.join(dataDir, `.probe-${randomBytes(4).toString('hex')}`);
    await fs.writeFile(probe, '');
    await fs.rm(probe);
  } catch {
    fail('INPUT_REJECTED', 'dataDir.notWritable');
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
      const audit = new AuditLog(deriveSubkey(vmk, vaultId, 'audit-mac'), vaultId);
      const seat = deriveSeatId(vaultId, env.machineId());
      const accountId = await db.transaction(async (tx) => {
        await tx.run(sql`INSERT INTO meta (key, value) VALUES ('vault_id', ${vaultId}), ('created_at', ${String(at)})`);
        const id = await insertAccount(tx, {
          username,
          displayName,
          role: 'it',
          at,
          createdBy: null,
          mustChangePassword: false,
        });
        await recordPassword(tx, id, input.password, at);
        await noteSeat(tx, seat, at);
        await bindSeat(tx, id, seat, id, at);
        await audit.append(tx, {
          at,
          actor: username,
          actorId: id,
          seat,
          action: 'vault.created',
          object: vaultId,
          outcome: 'ok',
          detail: { schemaVersion: SCHEMA_VERSION, firstAccountRole: 'it', boundSeat: seat },
        });
        return id;
      });
      audit.wipe();
      const seed = deriveSubkey(vmk, vaultId, 'preauth-x25519');
      const lookupSalt = newLookupSalt();
      const slot = await makeSlot(vaultId, lookupSalt, username, accountId, input.password, vmk);
      const keyring = sealKeyring(vmk, {
        format: 'strongroom-keyring',
        version: 1,
        vaultId,
        lookupSalt,
        preauthPublicKey: rawPublicKey(privateKeyFromSeed(seed)),
        slots: [slot],
      });
      seed.fill(0);
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

/**
 * Unlocks the vault as `username`. Failures are counted and sealed into preauth.json (the
 * vault can't be written without the key); the next unlock moves them into the access log.
 */
export async function login(
  dataDir: string,
  username: string,
  password: string,
  env: VaultEnv = defaultEnv,
): Promise<Session> {
  if (!(await isDirectory(dataDir))) fail('INPUT_REJECTED', 'vault.missing');
  const manifest = await readManifest(dataDir);
  const keyring = await readKeyring(path.join(dataDir, KEYRING_FILE));
  if (keyring.vaultId !== manifest.vaultId) fail('VAULT_DAMAGED', 'keyring.damaged');
  const journal = await PreauthJournal.load(dataDir);
  const now = journal.now(env.clock.now());
  const lookup = usernameLookup(keyring.lookupSalt, username);
  const seat = deriveSeatId(keyring.vaultId, env.machineId());
  const slot = findSlot(keyring, username);
  const name = slot ? normaliseUsername(username) : null;
  const record = async (event: Omit<NewEvent, 'at' | 'seat' | 'actor' | 'actorId'>): Promise<void> => {
    journal.addEvent(keyring.preauthPublicKey, {
      at: now,
      seat,
      actor: name,
      actorId: slot?.accountId ?? null,
      ...event,
    });
    await journal.save();
  };

  const lockedUntil = journal.lockedUntil(lookup, now);
  if (lockedUntil !== null) {
    await record({
      action: 'login.refused',
      outcome: 'denied',
      detail: { reason: 'locked', knownUser: slot !== undefined },
    });
    fail('LOCKED_OUT', 'login.locked', { minutes: Math.ceil((lockedUntil - now) / 60_000) });
  }
  const vmk = slot ? await openSlot(keyring.vaultId, slot, password) : (await burnKdf(password), null);
  if (!vmk || !slot) {
    const lockEnds = journal.recordFailure(lookup, now);
    await record({
      action: 'login.failed',
      outcome: 'failed',
      detail: { reason: 'credentials', knownUser: slot !== undefined, failures: journal.failures(lookup) },
    });
    if (lockEnds !== null)
      await record({
        action: 'lockout.locked',
        outcome: 'ok',
        detail: { until: lockEnds, knownUser: slot !== undefined },
      });
    fail('AUTH_FAILED', 'login.failed');
  }
  const vault = await openVault(dataDir, manifest.vaultId, keyring, vmk, env);
  try {
    return await admit(vault, slot.accountId, journal, lookup, now);
  } catch (err) {
    await vault.close();
    throw err;
  }
}

async function openVault(
  dataDir: string,
  vaultId: string,
  keyring: KeyringFile,
  vmk: Buffer,
  env: VaultEnv,
): Promise<OpenVault> {
  const dbKey = deriveSubkey(vmk, vaultId, 'sqlcipher');
  let db: Db;
  try {
    db = await Db.open(path.join(dataDir, DB_FILE), dbKey, false);
  } catch (err) {
    vmk.fill(0);
    if (err instanceof VaultError && err.key === 'dataDir.notWritable') fail('VAULT_DAMAGED', 'vault.damaged');
    throw err;
  } finally {
    dbKey.fill(0);
  }
  const vault = new OpenVault(dataDir, vaultId, db, vmk, keyring, env);
  try {
    if (!vault.keyringIsAuthentic()) fail('VAULT_DAMAGED', 'keyring.damaged');
    await db.assertIntact();
    await migrate(db);
    const storedId = await db.get<{ value: string }>(sql`SELECT value FROM meta WHERE key = 'vault_id'`);
    if (storedId?.value !== vaultId) fail('VAULT_DAMAGED', 'vault.damaged');
    await vault.reloadSettings();
    return vault;
  } catch (err) {
    await vault.close();
    throw err;
  }
}

/**
 * After the slot opened: moves the pre-unlock events into the log, applies seat binding and
 * password expiry, and logs the login, all in one transaction.
 */
async function admit(
  vault: OpenVault,
  accountId: number,
  journal: PreauthJournal,
  lookup: string,
  now: number,
): Promise<Session> {
  const { db, policy, seatId } = vault;
  const account = await accountById(db, accountId);
  if (!account || account.state !== 'active') fail('AUTH_FAILED', 'login.failed');
  const privateKey = vault.preauthPrivateKey();
  const drainedRow = await db.get<{ value: string }>(sql`SELECT value FROM meta WHERE key = 'preauth_drained_through'`);
  const pending = journal.pending(privateKey, Number(drainedRow?.value ?? 0));
  const lastN = journal.lastN();
  const bound = await isBound(db, account.id, seatId);
  const refused = !bound && policy.seatBinding === 'enforce';
  const expired = now >= account.passwordChangedAt + policy.passwordMaxAgeDays * DAY;
  const passwordChange: PasswordChange = account.mustChangePassword ? 'oneTime' : expired ? 'expired' : null;
  const by = { actor: account.username, actorId: account.id, seat: seatId, at: now };

  await db.transaction(async (tx) => {
    const notes: NewEvent[] = [];
    if (journal.damaged || pending.unreadable > 0 || pending.dropped > 0)
      notes.push({
        at: now,
        actor: null,
        actorId: null,
        seat: seatId,
        action: 'preauth.journalDamaged',
        outcome: 'failed',
        detail: { garbled: journal.damaged, unreadable: pending.unreadable, dropped: pending.dropped },
      });
    if (!bound && policy.seatBinding === 'warn')
      notes.push({ ...by, action: 'login.unboundSeat', outcome: 'ok', detail: { policy: 'warn' } });
    const outcome: NewEvent = refused
      ? { ...by, action: 'login.refused', outcome: 'denied', detail: { reason: 'seat' } }
      : { ...by, action: 'login.ok', outcome: 'ok', detail: { role: account.role, passwordChange } };
    await noteSeat(tx, seatId, now);
    await vault.audit.append(
      tx,
      ...pending.events.map((p) => ({ ...p.event, detail: { ...p.event.detail, recordedBeforeUnlock: true } })),
      ...notes,
      outcome,
    );
    await tx.run(sql`INSERT INTO meta (key, value) VALUES ('preauth_drained_through', ${String(lastN)})
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
    if (!refused) await recordLogin(tx, account.id, now);
  });
  journal.setLockoutPolicy(policy);
  journal.forgetThrough(lastN);
  if (!refused) journal.clear(lookup);
  await journal.save();
  if (refused) fail('NOT_PERMITTED', 'login.seatNotBound', { seat: seatId });
  return new Session(vault, { ...account, lastLoginAt: now }, now, passwordChange);
}
