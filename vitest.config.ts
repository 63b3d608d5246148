import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts'],
    // PGlite boots in 1-3 s per worker; database files share one migrated template per worker.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
