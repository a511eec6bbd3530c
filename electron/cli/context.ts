/** What every command gets: the data directory, the acting account, secrets, output, and sessions. */
import path from 'node:path';
import type { Command } from 'commander';
import { Username } from '../../shared/contract';
import { ROLES, isRole, type Role } from '../../shared/roles';
import { VaultError } from '../core/errors';
import type { Session } from '../core/session/session';
import { defaultEnv, type VaultEnv } from '../core/vault/env';
import { login } from '../core/session/unlock';
import type { Output } from './output';
import type { SecretReader } from './secrets';

export interface CliIo {
  secrets: SecretReader;
  out: Output;
  env: VaultEnv;
}

interface GlobalOptions {
  dataDir?: string;
  as?: string;
}

export class CliContext {
  constructor(
    private readonly globals: GlobalOptions,
    readonly io: CliIo,
  ) {}

  static of(command: Command, io: CliIo): CliContext {
    return new CliContext(command.optsWithGlobals<GlobalOptions>(), io);
  }

  get out(): Output {
    return this.io.out;
  }

  get secrets(): SecretReader {
    return this.io.secrets;
  }

  get dataDir(): string {
    const dir = this.globals.dataDir?.trim();
    if (!dir) throw new VaultError('USAGE', 'usage.dataDir');
    return path.resolve(dir);
  }

  get actor(): string {
    const actor = this.globals.as?.trim();
    if (!actor) throw new VaultError('USAGE', 'usage.as');
    return actor;
  }

  /**
   * Signs in as --as (its password is the first stdin line), runs `work`, and always logs out.
   * An account whose password must be changed is refused here (exit 5), pointing at `passwd`.
   */
  async withSession<T>(work: (session: Session) => Promise<T>): Promise<T> {
    const actor = this.actor;
    const dataDir = this.dataDir;
    const password = await this.secrets.secret(`password for ${actor}`);
    const session = await login(dataDir, actor, password, this.io.env);
    if (session.passwordChange) {
      await session.logout().catch(() => undefined);
      throw passwordChangeDue(session.account.username, session.passwordChange);
    }
    let result: T;
    try {
      result = await work(session);
    } catch (err) {
      await session.logout().catch(() => undefined);
      throw err;
    }
    await session.logout();
    return result;
  }
}

/** The exit-5 error for a sign-in whose password is one-time or expired. */
export function passwordChangeDue(user: string, why: 'expired' | 'oneTime'): VaultError {
  return new VaultError('PASSWORD_EXPIRED', why === 'expired' ? 'login.expired' : 'login.mustChange', { user });
}

export function defaultIo(secrets: SecretReader, out: Output): CliIo {
  return { secrets, out, env: defaultEnv };
}

/** A username for a new account, checked against the contract's rule. */
export function newUsername(name: string): string {
  const parsed = Username.safeParse(name);
  if (!parsed.success) throw new VaultError('INPUT_REJECTED', 'username.invalid', { name: name.slice(0, 64) });
  return parsed.data;
}

export function displayName(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.trim().length > 64) throw new VaultError('INPUT_REJECTED', 'displayName.invalid');
  return value;
}

export function roleNamed(role: string): Role {
  if (!isRole(role)) throw new VaultError('INPUT_REJECTED', 'role.unknown', { role: role.slice(0, 32), roles: ROLES.join(', ') });
  return role;
}

/** The reason an administrative action is logged with (2 to 500 characters, as the UI asks). */
export function reasonText(value: string): string {
  const reason = value.trim();
  if (reason.length < 2 || reason.length > 500) throw new VaultError('INPUT_REJECTED', 'reason.invalid');
  return reason;
}

const SEAT_ID = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/** A seat id as `seat id` prints it (checked before signing in, so a typo costs no password). */
export function seatIdArg(value: string): string {
  const id = value.trim().toUpperCase();
  if (!SEAT_ID.test(id)) throw new VaultError('INPUT_REJECTED', 'seat.invalid');
  return id;
}
