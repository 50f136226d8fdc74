import { defineConfig } from 'vitest/config';

// Unit and API suites. Each file gets its own database (see test/db.ts), so files run in parallel,
// but only two at a time: the machine has two cores.
export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup.ts'],
  },
});
