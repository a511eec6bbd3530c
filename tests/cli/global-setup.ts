/** The CLI tests run the built CLI (bin/strongroom.cjs → out/main/cli.js): build it when missing or stale. */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { isStale } from '../fixtures/build-freshness';

const ROOT = path.resolve(import.meta.dirname, '../..');

export default function setup(): void {
  const sources = ['electron', 'shared', 'package.json'].map((p) => path.join(ROOT, p));
  if (!isStale(path.join(ROOT, 'out/main/cli.js'), sources)) return;
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    // NODE_ENV is 'test' under vitest; the app must be built as in production.
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
