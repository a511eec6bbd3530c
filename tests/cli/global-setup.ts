/** The CLI tests run the built CLI (bin/strongroom.cjs → out/main/cli.js): build it when missing or stale. */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function builtAt(): number | null {
  try {
    return statSync(path.join(ROOT, 'out/main/cli.js')).mtimeMs;
  } catch {
    return null;
  }
}

export default function setup(): void {
  const built = builtAt();
  const sources = Math.max(
    newestMtime(path.join(ROOT, 'electron')),
    newestMtime(path.join(ROOT, 'shared')),
    statSync(path.join(ROOT, 'package.json')).mtimeMs,
  );
  if (built !== null && built >= sources) return;
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    // NODE_ENV is 'test' under vitest; the app must be built as in production.
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
