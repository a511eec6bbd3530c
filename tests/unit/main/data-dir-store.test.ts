/** The remembered data directory survives restarts and a damaged preference file falls back safely. */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATA_DIR_FILE, fileDataDirStore } from '../../../electron/main/data-dir-store';
import { tempDir } from '../../fixtures/vault';

let dir: { dir: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  dir = await tempDir('strongroom-userdata-');
});
afterEach(() => dir.cleanup());

describe('data directory store', () => {
  it('defaults to <userData>/vault', async () => {
    expect(await fileDataDirStore(dir.dir).get()).toBe(path.join(dir.dir, 'vault'));
  });

  it('remembers a directory across instances, as an absolute path, with no temp file left', async () => {
    const chosen = path.join(dir.dir, 'elsewhere');
    await fileDataDirStore(dir.dir).set(chosen);
    expect(await fileDataDirStore(dir.dir).get()).toBe(chosen);
    expect(JSON.parse(await readFile(path.join(dir.dir, DATA_DIR_FILE), 'utf8'))).toEqual({ dataDir: chosen });
    expect((await readdir(dir.dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('creates the userData directory if it does not exist yet', async () => {
    const userData = path.join(dir.dir, 'not', 'yet');
    await fileDataDirStore(userData).set('/srv/vault');
    expect(await fileDataDirStore(userData).get()).toBe(path.resolve('/srv/vault'));
  });

  it.each(['not json', '{"dataDir": 42}', '{"dataDir": "relative/path"}', 'null', '[]'])(
    'falls back to the default for %s',
    async (content) => {
      await writeFile(path.join(dir.dir, DATA_DIR_FILE), content);
      expect(await fileDataDirStore(dir.dir).get()).toBe(path.join(dir.dir, 'vault'));
    },
  );
});
