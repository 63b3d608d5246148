import { defineConfig } from 'vitest/config';

// Browser journeys: one Chromium at a time against one server, steps in order, generous timeouts
// because a cold server compiles TypeScript and the first page load fetches every chunk.
export default defineConfig({
  test: {
    include: ['e2e/**/*.spec.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    sequence: { concurrent: false, shuffle: false },
    bail: 0,
  },
});
