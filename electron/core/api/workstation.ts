/**
 * One running Strongroom on one seat: which data directory it uses, who is signed in, and
 * when the seat last saw input. The desktop app, each CLI run and the browser harness hold one.
 */
import { idleVerdict } from '../../../shared/idle';
import type { EndReason, Session } from '../session/session';
import { defaultEnv, type VaultEnv } from '../vault/env';

/** Remembers the data directory chosen at first run (a small file in the app's profile). */
export interface DataDirStore {
  get(): Promise<string>;
  set(dir: string): Promise<void>;
}

export function memoryDataDirStore(initial: string): DataDirStore {
  let dir = initial;
  return {
    get: () => Promise.resolve(dir),
    set: (next) => {
      dir = next;
      return Promise.resolve();
    },
  };
}

export interface WorkstationOptions {
  /** The vendored CJK font for PDF reports (resources/fonts). */
  fontPath: string;
  /**
   * The import's seal worker script (seal-pool.ts, sealWorkerScript): the built app and CLI name
   * theirs; from source (tests) it is found beside its module.
   */
  sealWorker?: string;
  /** Asks the person at the seat for a delivery archive (the app's file dialog); absent elsewhere. */
  chooseArchive?: () => Promise<string | null>;
  /**
   * Puts a revealed value on the system clipboard and clears it after `seconds` if it still
   * holds that value (the app's main process); absent where there is no clipboard (CLI).
   */
  copyToClipboard?: (text: string, seconds: number) => void;
  /**
   * Hands a number to the seat's dialer (softphone) so the agent never reads it, with the call's
   * id for the recorder; absent where there is none (the CLI opens the call only).
   */
  dial?: (number: string, callNo: string) => Promise<void>;
  /**
   * Idle time is measured on a monotonic clock, so moving the wall clock neither locks a
   * session early nor keeps one open.
   */
  monotonic?: () => number;
}

export class Workstation {
  session: Session | null = null;
  private signingIn: Promise<void> = Promise.resolve();
  private lastInputAt: number;
  private sessionStartedAt = 0;
  private readonly monotonic: () => number;

  constructor(
    readonly dataDirs: DataDirStore,
    readonly env: VaultEnv = defaultEnv,
    readonly options: WorkstationOptions,
  ) {
    this.monotonic = options.monotonic ?? (() => performance.now());
    this.lastInputAt = this.monotonic();
  }

  /**
   * Runs a sign-in alone: ending the current session, unlocking and beginning the new one
   * happen in one critical section, so two logins at once can't leave a session nobody holds.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.signingIn.then(work, work);
    this.signingIn = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** A new session: the idle and lifetime clocks start now. */
  begin(session: Session): void {
    this.session = session;
    this.sessionStartedAt = this.monotonic();
    this.lastInputAt = this.sessionStartedAt;
  }

  /** Input seen (renderer events, or the OS reporting recent input). */
  touch(msAgo = 0): void {
    this.lastInputAt = Math.max(this.lastInputAt, this.monotonic() - msAgo);
  }

  /** Ends the session when it has been idle too long or lived too long; returns why, if it did. */
  async checkIdle(): Promise<EndReason | null> {
    const session = this.session;
    if (!session?.active) return null;
    // A ceremony left idle past the lock delay is abandoned, whatever else the seat is doing.
    for (const ceremony of [...session.ceremonies])
      if (ceremony.idleFor() > session.vault.policy.lockSeconds * 1000) {
        ceremony.abort('abandoned');
        await ceremony.settled();
        await ceremony.end('abandoned');
      }
    const verdict = idleVerdict(this.monotonic(), this.lastInputAt, this.sessionStartedAt, session.vault.policy);
    if (!verdict.end) return null;
    await this.endSession(verdict.end);
    return verdict.end;
  }

  /** Ends the current session (logout, lock, expiry, or another user signing in). */
  async endSession(reason: EndReason): Promise<void> {
    const session = this.session;
    this.session = null;
    if (session) await session.end(reason);
  }
}
