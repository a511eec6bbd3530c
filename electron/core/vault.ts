/**
 * The vault: create it, unlock it with a password (a keyslot), and hand back a Session.
 * Data directory: vault.json (manifest), keyring.json, preauth.json, vault.db (SQLCipher).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import { AuditLog, type NewEvent } from './audit/audit-log';
import { accountById, insertAccount, recordLogin } from './auth/accounts';
import { DEFAULT_AUTH_POLICY, passwordProblems, type AuthPolicy } from './auth/policy';
import { PreauthJournal } from './auth/preauth-journal';
import { privateKeyFromSeed, rawPublicKey } from './auth/preauth-seal';
import { deriveSeatId, osMachineId, type MachineIdSource } from './auth/seat';
import { systemClock, type Clock } from './clock';
import { fail, VaultError } from './errors';
import {
  burnKdf,
  findSlot,
  keyringAuthentic,
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
import { Db } from './store/db';
import { migrate } from './store/migrate';
import { SCHEMA_VERSION } from './store/migrations';
import { sql } from './store/sql';
import { Session } from './session';

export interface VaultEnv {
  clock: Clock;
  machineId: MachineIdSource;
  policy: AuthPolicy;
}

export const defaultEnv: VaultEnv = { clock: systemClock, machineId: osMachineId, policy: DEFAULT_AUTH_POLICY };

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

/** An unlocked vault: the open database and the keys derived from the VMK. */
export class OpenVault {
  readonly audit: AuditLog;
  readonly seatId: string;

  constructor(
    readonly dataDir: string,
    readonly vaultId: string,
    readonly db: Db,
    private vmk: Buffer,
    private keyring: KeyringFile,
    readonly env: VaultEnv,
  ) {
    this.audit = new AuditLog(deriveSubkey(vmk, vaultId, 'audit-mac'), vaultId);
    this.seatId = deriveSeatId(vaultId, env.machineId());
  }

  now(): number {
    return this.env.clock.now();
  }

  /** Adds a keyslot and writes the keyring before the caller's transaction commits. */
  async addSlot(username: string, accountId: number, password: string): Promise<() => Promise<void>> {
    const slot = await makeSlot(this.vaultId, this.keyring.lookupSalt, username, accountId, password, this.vmk);
    const previous = this.keyring;
    const { mac: _mac, ...body } = previous;
    const next = sealKeyring(this.vmk, { ...body, slots: [...body.slots.filter((s) => s.accountId !== accountId), slot] });
    await writeKeyring(path.join(this.dataDir, KEYRING_FILE), next);
    this.keyring = next;
    // Undo, for when the database transaction fails after the keyring was written.
    return async () => {
      await writeKeyring(path.join(this.dataDir, KEYRING_FILE), previous);
      this.keyring = previous;
    };
  }

  slotCount(): number {
    return this.keyring.slots.length;
  }

  /** Closes the database and wipes the key material held in memory. */
  async close(): Promise<void> {
    this.vmk.fill(0);
    this.audit.wipe();
    await this.db.close();
  }
}

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

/** Creates a new vault with its first IT account; logs "vault.created" as its first event. */
export async function createVault(dataDir: string, input: CreateInput, env: VaultEnv = defaultEnv): Promise<string> {
  const username = normaliseUsername(input.username);
  if (passwordProblems(input.password, env.policy).length > 0)
    fail('INPUT_REJECTED', 'password.policy', { min: env.policy.passwordMinLength });
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
    try {
      await migrate(db);
      const audit = new AuditLog(deriveSubkey(vmk, vaultId, 'audit-mac'), vaultId);
      const seat = deriveSeatId(vaultId, env.machineId());
      const accountId = await db.transaction(async (tx) => {
        await tx.run(sql`INSERT INTO meta (key, value) VALUES ('vault_id', ${vaultId}), ('created_at', ${String(at)})`);
        const id = await insertAccount(tx, {
          username,
          displayName: input.displayName?.trim() || username,
          role: 'it',
          at,
          createdBy: null,
          mustChangePassword: false,
        });
        await audit.append(tx, {
          at,
          actor: username,
          actorId: id,
          seat,
          action: 'vault.created',
          object: vaultId,
          outcome: 'ok',
          detail: { schemaVersion: SCHEMA_VERSION, firstAccountRole: 'it' },
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
      await writeManifest(dataDir, { format: 'strongroom-vault', version: 1, vaultId, schemaVersion: SCHEMA_VERSION, createdAt: at });
      created.push(MANIFEST_FILE);
      await writeKeyring(path.join(dataDir, KEYRING_FILE), keyring);
      created.push(KEYRING_FILE);
    } finally {
      await db.close();
    }
  } catch (err) {
    // Leave the directory as we found it: no half-made vault.
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
export async function login(dataDir: string, username: string, password: string, env: VaultEnv = defaultEnv): Promise<Session> {
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
    journal.addEvent(keyring.preauthPublicKey, { at: now, seat, actor: name, actorId: slot?.accountId ?? null, ...event });
    await journal.save();
  };

  const lockedUntil = journal.lockedUntil(lookup, now);
  if (lockedUntil !== null) {
    await record({ action: 'login.refused', outcome: 'denied', detail: { reason: 'locked', knownUser: slot !== undefined } });
    fail('LOCKED_OUT', 'login.locked', { minutes: Math.ceil((lockedUntil - now) / 60_000) });
  }
  const vmk = slot ? await openSlot(keyring.vaultId, slot, password) : (await burnKdf(password), null);
  if (!vmk || !slot) {
    const lockEnds = journal.recordFailure(lookup, now, env.policy);
    await record({ action: 'login.failed', outcome: 'failed', detail: { reason: 'credentials', knownUser: slot !== undefined, failures: journal.failures(lookup) } });
    if (lockEnds !== null) await record({ action: 'lockout.locked', outcome: 'ok', detail: { until: lockEnds, knownUser: slot !== undefined } });
    fail('AUTH_FAILED', 'login.failed');
  }
  return unlockWith(dataDir, manifest.vaultId, keyring, vmk, slot.accountId, journal, lookup, now, env);
}

async function unlockWith(
  dataDir: string,
  vaultId: string,
  keyring: KeyringFile,
  vmk: Buffer,
  accountId: number,
  journal: PreauthJournal,
  lookup: string,
  now: number,
  env: VaultEnv,
): Promise<Session> {
  if (!keyringAuthentic(vmk, keyring)) {
    vmk.fill(0);
    fail('VAULT_DAMAGED', 'keyring.damaged');
  }
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
    await db.assertIntact();
    await migrate(db);
    const account = await accountById(db, accountId);
    if (!account || account.state !== 'active') fail('AUTH_FAILED', 'login.failed');
    const storedId = await db.get<{ value: string }>(sql`SELECT value FROM meta WHERE key = 'vault_id'`);
    if (storedId?.value !== vaultId) fail('VAULT_DAMAGED', 'vault.damaged');
    const seed = deriveSubkey(vmk, vaultId, 'preauth-x25519');
    const privateKey = privateKeyFromSeed(seed);
    seed.fill(0);
    const drainedRow = await db.get<{ value: string }>(sql`SELECT value FROM meta WHERE key = 'preauth_drained_through'`);
    const pending = journal.pending(privateKey, Number(drainedRow?.value ?? 0));
    const lastN = journal.lastN();
    await db.transaction(async (tx) => {
      const notes: NewEvent[] = [];
      if (journal.damaged || pending.unreadable > 0 || pending.dropped > 0)
        notes.push({ at: now, actor: null, actorId: null, seat: vault.seatId, action: 'preauth.journalDamaged', outcome: 'failed', detail: { garbled: journal.damaged, unreadable: pending.unreadable, dropped: pending.dropped } });
      await vault.audit.append(
        tx,
        ...pending.events.map((p) => ({ ...p.event, detail: { ...p.event.detail, recordedBeforeUnlock: true } })),
        ...notes,
        { at: now, actor: account.username, actorId: account.id, seat: vault.seatId, action: 'login.ok', outcome: 'ok', detail: { role: account.role } },
      );
      await tx.run(sql`INSERT INTO meta (key, value) VALUES ('preauth_drained_through', ${String(lastN)})
                       ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
      await recordLogin(tx, account.id, now);
    });
    journal.clear(lookup);
    journal.forgetThrough(lastN);
    await journal.save();
    return new Session(vault, { ...account, lastLoginAt: now }, now);
  } catch (err) {
    await vault.close();
    throw err;
  }
}
