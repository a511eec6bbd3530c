/**
 * One login at a time per vault. A login reads the pre-login journal, runs Argon2id and writes
 * the journal back; two at once would each count from the same state, so six parallel wrong
 * passwords would count as one. Within a process a queue per data directory serialises them;
 * across processes (the app, CLI runs) a lock file does. Everything else that rewrites the
 * journal (re-authentication, unlocking an account, the lockout policy mirror) takes it too.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fail } from '../errors';

export const LOCK_FILE = 'login.lock';
/** A lock this old is taken over even if its pid is alive again (reused): no login takes 10 minutes. */
const STALE_MS = 600_000;
/** How long a login waits for the others before it gives up. */
const WAIT_MS = 120_000;
const POLL_MS = 25;

const queues = new Map<string, Promise<void>>();

export async function withLoginLock<T>(dataDir: string, work: () => Promise<T>): Promise<T> {
  const dir = path.resolve(dataDir);
  const before = queues.get(dir) ?? Promise.resolve();
  let release!: () => void;
  const mine = before.then(() => new Promise<void>((resolve) => (release = resolve)));
  queues.set(dir, mine);
  await before;
  try {
    return await withLockFile(path.join(dir, LOCK_FILE), work);
  } finally {
    release();
    if (queues.get(dir) === mine) queues.delete(dir);
  }
}

async function withLockFile<T>(file: string, work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      await fs.writeFile(file, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (await isStale(file)) {
        await fs.rm(file, { force: true });
        continue;
      }
      if (Date.now() > deadline) fail('INPUT_REJECTED', 'login.busy');
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
  try {
    return await work();
  } finally {
    await fs.rm(file, { force: true });
  }
}

/** Left by a process that is gone (killed mid-login), or older than any login takes. */
async function isStale(file: string): Promise<boolean> {
  try {
    const [text, stat] = await Promise.all([fs.readFile(file, 'utf8'), fs.stat(file)]);
    if (Date.now() - stat.mtimeMs > STALE_MS) return true;
    const pid = Number(text.trim());
    if (!Number.isSafeInteger(pid) || pid <= 0) return Date.now() - stat.mtimeMs > 1_000;
    try {
      process.kill(pid, 0);
      return false;
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === 'ESRCH';
    }
  } catch {
    return false; // gone meanwhile: the next try takes it
  }
}
