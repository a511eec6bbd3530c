/** E2E: the built renderer in Debian's Chromium, driven by playwright-core against the browser harness. */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/global-setup.ts'],
    // A browser plus Argon2id logins per file: one file at a time keeps a 2-core machine steady.
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
