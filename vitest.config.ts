import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/{unit,integration,security,cli}/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/cli/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Argon2id at m = 64 MiB, p = 4: two files at a time keep a 2-core machine responsive.
    maxWorkers: 2,
  },
});
