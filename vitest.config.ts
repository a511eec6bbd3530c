import { defineConfig } from 'vitest/config';

/**
 * Two projects, one suite: "embedded" runs every test on the SQLCipher store; "floor" runs every
 * repository, session, router and CLI suite again against a PostgreSQL floor, on a throwaway
 * cluster the run starts (tests/fixtures/pg-global-setup.ts). Left to "embedded" alone is what
 * only the embedded store has: its files (keyring, pre-login journal, vault.db pages and their
 * damage), the key rotation that re-keys them, and `init`. The floor's own suites
 * (tests/integration/floor, tests/cli/floor*) start clusters of their own.
 */
const FLOOR_SUITES = [
  'tests/integration/{access,accounts,audit,cases,conduct,import,ledger,policy,seats}/**/*.test.ts',
  'tests/integration/session/{concurrent-logins,lockout,vault-time}.test.ts',
  'tests/integration/vault/{first-run,vault-lifecycle}.test.ts',
  'tests/integration/router-matrix.test.ts',
  'tests/integration/store/migrations.test.ts',
  'tests/cli/{audit,cases,conduct,import,import-canary,ledger,login,one-door,passwd,seat,user,user-admin}.test.ts',
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
          globalSetup: ['tests/cli/global-setup.ts', 'tests/fixtures/pg-global-setup.ts'],
          env: { STRONGROOM_TEST_STORE: 'postgres' },
        },
      },
    ],
  },
});
