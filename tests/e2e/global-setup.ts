/** Builds the renderer for the e2e run when out/renderer is missing or older than its sources. */
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
    return statSync(path.join(ROOT, 'out/renderer/index.html')).mtimeMs;
  } catch {
    return null;
  }
}

export default function setup(): void {
  const built = builtAt();
  const sources = Math.max(newestMtime(path.join(ROOT, 'renderer')), newestMtime(path.join(ROOT, 'shared')));
  if (built !== null && built >= sources && !process.env.STRONGROOM_E2E_REBUILD) return;
  execFileSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'renderer/vite.config.ts'],
    {
      cwd: ROOT,
      stdio: 'inherit',
      // NODE_ENV is 'test' under vitest; the renderer must be built as in production.
      env: { ...process.env, NODE_ENV: 'production', VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
    },
  );
}
