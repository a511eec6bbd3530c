/** Test helpers: run the real CLI as a child process, make vaults quickly, fingerprint a data dir. */
import { addAccount } from '../../electron/core/accounts/account-admin';
import { oneTimePassword } from '../../electron/core/accounts/one-time-password';
import { bind } from '../../electron/core/seats/seat-admin';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { deriveSeatId, osMachineId } from '../../electron/core/seats/seat-id';
import { createVault } from '../../electron/core/vault/create-vault';
import { defaultEnv } from '../../electron/core/vault/env';
import { login } from '../../electron/core/session/unlock';
import type { Role } from '../../shared/roles';
import { routed } from '../fixtures/router';
import { freshFloor } from '../fixtures/floor-vault';
import { sharedCluster } from '../fixtures/pg-shared';
import { testStore } from '../fixtures/store';
import { ADMIN, tempDir } from '../fixtures/vault';

export const ROOT = path.resolve(__dirname, '../..');
export const BIN = path.join(ROOT, 'bin', 'strongroom.cjs');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Lines for stdin (joined with "\n", with a final newline); stdin is always a pipe. */
  stdin?: string[] | string;
  env?: Record<string, string | undefined>;
  /** Runs node under libfaketime with this offset (e.g. "+31 minutes"): Date.now() is shifted. */
  faketime?: string;
}

/** Runs `node bin/strongroom.cjs ...args` and collects everything it printed. */
export function cli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    STRONGROOM_DATA_DIR: undefined,
    STRONGROOM_DEBUG: undefined,
    ...options.env,
  };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const [command, argv] =
    options.faketime === undefined
      ? [process.execPath, [BIN, ...args]]
      : ['faketime', [options.faketime, process.execPath, BIN, ...args]];
  const child = spawn(command, argv, { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  // A CLI that exits before reading stdin (a usage error) must not fail the test with EPIPE.
  child.stdin.on('error', () => undefined);
  const input = options.stdin ?? [];
  child.stdin.end(typeof input === 'string' ? input : input.map((l) => `${l}\n`).join(''));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Every error path prints exactly one "strongroom: ..." line and no stack frames. */
export function oneErrorLine(result: CliResult): string {
  const lines = result.stderr.split('\n').filter(Boolean);
  if (lines.length !== 1 || !lines[0]!.startsWith('strongroom: ') || /\n\s+at /.test(result.stderr))
    throw new Error(`expected one error line, got: ${JSON.stringify(result.stderr)}`);
  return lines[0]!;
}

export interface TestVault {
  root: string;
  dataDir: string;
  vaultId: string;
  cleanup: () => Promise<void>;
}

/** This machine's seat for a vault, as `strongroom seat id` prints it. */
export function seatOf(vaultId: string): string {
  return deriveSeatId(vaultId, osMachineId());
}

export interface TestAccount {
  username: string;
  role: Role;
  password: string;
  /**
   * 'ready' (the default): bound to this seat, `password` set by the user themself (who has seen the
   * notices of that first sign-in), so it signs in.
   * 'oneTime': bound to this seat, `password` is one-time (a `passwd` is due).
   * 'new': as `user add` leaves it: `password` is one-time and no seat is bound.
   */
  as?: 'ready' | 'oneTime' | 'new';
}

/** A fresh vault on this run's store with this machine's real clock and id, as the CLI has them. */
async function bareVault(): Promise<TestVault> {
  if (testStore() === 'postgres') {
    const floor = await freshFloor(sharedCluster(), defaultEnv);
    return {
      root: path.dirname(floor.dataDir),
      dataDir: floor.dataDir,
      vaultId: floor.vaultId,
      cleanup: floor.cleanup,
    };
  }
  const { dir, cleanup } = await tempDir('strongroom-cli-');
  const dataDir = path.join(dir, 'vault');
  return { root: dir, dataDir, vaultId: await createVault(dataDir, ADMIN), cleanup };
}

/** A vault made in-process (faster than `init`), with extra accounts added by the admin. */
export async function makeVault(accounts: TestAccount[] = []): Promise<TestVault> {
  const made = await bareVault();
  const { dataDir, vaultId } = made;
  const ready: TestAccount[] = [];
  const oneTime = new Map<string, string>();
  if (accounts.length > 0) {
    const session = await login(dataDir, ADMIN.username, ADMIN.password);
    for (const a of accounts) {
      const { as = 'ready', ...input } = a;
      if (as !== 'ready') {
        await addAccount(session, input);
        if (as === 'oneTime') await bind(session, a.username, seatOf(vaultId));
        continue;
      }
      const first = oneTimePassword();
      oneTime.set(a.username, first);
      await addAccount(session, { ...input, password: first });
      await bind(session, a.username, seatOf(vaultId));
      ready.push(a);
    }
    await session.logout();
  }
  for (const a of ready) {
    const session = await login(dataDir, a.username, oneTime.get(a.username)!);
    await session.changePassword(oneTime.get(a.username)!, a.password);
    // Its owner has seen the notices of that first sign-in (who added the account, the seat).
    const call = routed(session);
    await call('account.noticesSeen', { through: (await call('account.notices', {})).through });
    await session.logout();
  }
  return made;
}

/** name → sha256 of every file under `dir`, to prove a failed command changed nothing. */
export async function fingerprint(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, file)] = createHash('sha256')
      .update(await readFile(file))
      .digest('hex');
  }
  return out;
}

/** IT flags this machine's seat as the import station, as `seat flag … --import-station on` does. */
export function flagImportStation(vault: TestVault): Promise<CliResult> {
  return cli(
    [
      '--data-dir',
      vault.dataDir,
      '--as',
      ADMIN.username,
      'seat',
      'flag',
      seatOf(vault.vaultId),
      '--import-station',
      'on',
    ],
    { stdin: [ADMIN.password] },
  );
}
