import { defineConfig } from 'vitest/config';

/**
 * Two projects, one suite: "embedded" runs every test on the SQLCipher store; "floor" runs the
 * store-agnostic suites (repositories, sessions, the router) again against a PostgreSQL floor,
 * on a throwaway cluster the run starts (tests/fixtures/pg-global-setup.ts).
 */
const FLOOR_SUITES = [
  'tests/integration/accounts/**/*.test.ts',
  'tests/integration/policy/**/*.test.ts',
  'tests/integration/seats/**/*.test.ts',
  'tests/integration/audit/log-reads.test.ts',
  'tests/integration/router-matrix.test.ts',
];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Argon2id at m = 64 MiB, p = 4: two files at a time keep a 2-core machine responsive.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'embedded',
          include: ['tests/{unit,integration,security,cli}/**/*.test.ts'],
          globalSetup: ['tests/cli/global-setup.ts'],
          env: { STRONGROOM_TEST_STORE: 'sqlite' },
        },
      },
      {
        extends: true,
        test: {
          name: 'floor',
          include: FLOOR_SUITES,
          globalSetup: ['tests/fixtures/pg-global-setup.ts'],
          env: { STRONGROOM_TEST_STORE: 'postgres' },
        },
      },
    ],
  },
});
