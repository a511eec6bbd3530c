/**
 * E2E: the built renderer in Debian's Chromium, driven by playwright-core against the browser
 * harness. "e2e" runs every walk on the embedded store; "e2e-floor" runs the walks that aren't
 * about the embedded store's own files again with the first run joining a floor on a throwaway
 * PostgreSQL cluster (tests/fixtures/pg-global-setup.ts). The first-run and rotation walks are
 * the station's alone; join-floor-walk is the floor's own (its cluster is its own).
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    // A browser plus Argon2id logins per file: one file at a time keeps a 2-core machine steady.
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 180_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
          env: { STRONGROOM_TEST_STORE: 'sqlite' },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e-floor',
          include: [
            'tests/e2e/{accounts-and-roles,conduct-walk,import-walk,keyboard,lockout-and-admin,separation-of-duties,workspace-walk}.test.ts',
          ],
          globalSetup: ['tests/e2e/global-setup.ts', 'tests/fixtures/pg-global-setup.ts'],
          env: { STRONGROOM_TEST_STORE: 'postgres' },
        },
      },
    ],
  },
});
