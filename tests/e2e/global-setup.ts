/** Builds the renderer for the e2e run when out/renderer is missing or older than its sources. */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { isStale } from '../fixtures/build-freshness';

const ROOT = path.resolve(import.meta.dirname, '../..');

export default function setup(): void {
  const sources = ['renderer', 'shared'].map((p) => path.join(ROOT, p));
  if (!isStale(path.join(ROOT, 'out/renderer/index.html'), sources) && !process.env.STRONGROOM_E2E_REBUILD) return;
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
