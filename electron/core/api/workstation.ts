/**
 * One running Strongroom on one seat: which data directory it uses and who is signed in.
 * The desktop app and the browser harness each hold one; the router works on it.
 */
import type { Session } from '../session';
import { defaultEnv, type VaultEnv } from '../vault';

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

export class Workstation {
  session: Session | null = null;

  constructor(
    readonly dataDirs: DataDirStore,
    readonly env: VaultEnv = defaultEnv,
  ) {}

  /** Ends the current session (logout, lock, or another user signing in). */
  async endSession(reason: 'logout' | 'locked' | 'expired'): Promise<void> {
    const session = this.session;
    this.session = null;
    if (session) await session.logout(reason);
  }
}
