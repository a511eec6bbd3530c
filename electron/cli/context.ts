/** What every command gets: the data directory, the acting account, secrets, output, and sessions. */
import path from 'node:path';
import type { Command } from 'commander';
import { Username } from '../../shared/contract';
import { ROLES, isRole, type Role } from '../../shared/roles';
import { VaultError } from '../core/errors';
import type { Session } from '../core/session';
import { defaultEnv, login, type VaultEnv } from '../core/vault';
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

  /** Signs in as --as (its password is the first stdin line), runs `work`, and always logs out. */
  async withSession<T>(work: (session: Session) => Promise<T>): Promise<T> {
    const actor = this.actor;
    const dataDir = this.dataDir;
    const password = await this.secrets.secret(`password for ${actor}`);
    const session = await login(dataDir, actor, password, this.io.env);
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
