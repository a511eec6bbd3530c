/** Remembers the chosen data directory in a small JSON file in Electron's userData directory. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { DataDirStore } from '../core/api/workstation';
import { writeFileAtomic } from '../core/fs/atomic-write';

export const DATA_DIR_FILE = 'data-dir.json';

/**
 * `get` falls back to `<userData>/vault` when the file is missing or unreadable, so a damaged
 * preference never stops the app from starting (the vault itself is elsewhere and untouched).
 */
export function fileDataDirStore(userDataDir: string): DataDirStore {
  const file = path.join(userDataDir, DATA_DIR_FILE);
  const fallback = path.join(userDataDir, 'vault');
  return {
    async get() {
      try {
        const parsed: unknown = JSON.parse(await fs.readFile(file, 'utf8'));
        const dir = (parsed as { dataDir?: unknown } | null)?.dataDir;
        return typeof dir === 'string' && path.isAbsolute(dir) ? dir : fallback;
      } catch {
        return fallback;
      }
    },
    async set(dir) {
      await fs.mkdir(userDataDir, { recursive: true });
      await writeFileAtomic(file, `${JSON.stringify({ dataDir: path.resolve(dir) }, null, 2)}\n`);
    },
  };
}
