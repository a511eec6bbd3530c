/**
 * What every command gets: the data directory, the acting account, secrets, output, and the
 * router. Commands call procedures by name, as the renderer does: the router validates,
 * checks the session, permission and re-authentication, and logs refusals.
 */
import path from 'node:path';
import type { Command } from 'commander';
import {
  parseInput,
  type EventName,
  type EventPayload,
  type InputOf,
  type OutputOf,
  type ProcedureName,
} from '../../shared/contract';
import { createRouter, type Router } from '../core/api/router';
import { memoryDataDirStore, Workstation } from '../core/api/workstation';
import { VaultError } from '../core/errors';
import { CJK_FONT } from '../core/ledger/font';
import { defaultEnv, type VaultEnv } from '../core/vault/env';
import { sealWorkerScript } from '../core/cases/seal-pool';
import type { Output } from './output';
import type { SecretReader } from './secrets';

export interface CliIo {
  secrets: SecretReader;
  out: Output;
  env: VaultEnv;
  /** The vendored CJK font that ledger PDFs embed. */
  fontPath: string;
  /** The import's seal worker script (seal-pool.ts). */
  sealWorker: string;
}

interface GlobalOptions {
  dataDir?: string;
  as?: string;
}

/** Stands in for a secret not read yet, so the rest of a command's input is checked before any prompt. */
export const SECRET_PENDING = 'secret-not-read-yet';

/** Input fields that hold passwords: never echoed in an error. */
const SECRET_FIELDS = new Set(['password', 'current', 'next']);

type Listener = (event: EventName, payload: unknown) => void;

/** The help line of every command run as --as: its one stdin line. */
export const ACTOR_STDIN = '\nstdin (when not a terminal), one line each:\n  1. the password of the --as account';

export class CliContext {
  private router: Router | null = null;
  private listener: Listener = () => undefined;

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

  /** Events the core pushes while a call runs (progress of long work). */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): void {
    this.listener = (name, payload) => {
      if (name === event) listener(payload as EventPayload<E>);
    };
  }

  /**
   * Checks that there is a data directory and that the input meets the contract, without calling
   * anything: bad usage or input costs no password.
   */
  check<N extends ProcedureName>(name: N, input: InputOf<N>): void {
    void this.dataDir;
    const parsed = parseInput(name, input);
    if (parsed.ok) return;
    const { code, key, params = {} } = parsed.failure;
    // The user's own typing may be echoed back in the one error line, but never a secret.
    const path = typeof params.field === 'string' ? params.field.split('.') : [];
    // A nested field (approval.username) is found by its path; its last name says if it is a secret.
    const value = path.reduce<unknown>(
      (node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined),
      path.length > 0 ? input : undefined,
    );
    const echo = typeof value === 'string' && !SECRET_FIELDS.has(path.at(-1) ?? '');
    throw new VaultError(code, key, echo ? { ...params, value: value.slice(0, 64) } : params);
  }

  /** Calls a procedure through the router; a refusal becomes the VaultError its exit code comes from. */
  async call<N extends ProcedureName>(name: N, input: InputOf<N>): Promise<OutputOf<N>> {
    this.router ??= createRouter(
      new Workstation(memoryDataDirStore(this.dataDir), this.io.env, {
        fontPath: this.io.fontPath,
        sealWorker: this.io.sealWorker,
      }),
      (event, payload) => this.listener(event, payload),
    );
    const result = await this.router.call(name, input);
    if (!result.ok) throw new VaultError(result.code, result.key, result.params);
    return result.value as OutputOf<N>;
  }

  /**
   * Signs in as --as (its password is the first stdin line), runs `work`, and always signs out.
   * An account whose password must be changed is refused here (exit 5), pointing at `passwd`.
   */
  async withSession<T>(work: () => Promise<T>): Promise<T> {
    const actor = this.actor;
    const password = await this.secrets.secret(`password for ${actor}`);
    await this.signIn(actor, password);
    let result: T;
    try {
      result = await work();
    } catch (err) {
      await this.call('session.logout', {}).catch(() => undefined);
      throw err;
    }
    await this.call('session.logout', {});
    return result;
  }

  /** Signs in; refuses (exit 5, signed out again) when the password is one-time or expired. */
  async signIn(username: string, password: string): Promise<void> {
    const info = await this.call('session.login', { username, password });
    if (info.passwordChange) {
      await this.call('session.logout', {}).catch(() => undefined);
      throw passwordChangeDue(info.username, info.passwordChange);
    }
  }
}

/** The exit-5 error for a sign-in whose password is one-time or expired. */
export function passwordChangeDue(user: string, why: 'expired' | 'oneTime'): VaultError {
  return new VaultError('PASSWORD_EXPIRED', why === 'expired' ? 'login.expired' : 'login.mustChange', { user });
}

/** The real machine: its clock and machine id, and the app's files under `appRoot` (font, worker). */
export function defaultIo(secrets: SecretReader, out: Output, appRoot: string): CliIo {
  return {
    secrets,
    out,
    env: defaultEnv,
    fontPath: path.join(appRoot, CJK_FONT),
    sealWorker: sealWorkerScript(appRoot),
  };
}
