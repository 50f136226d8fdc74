import { defineConfig } from 'vitest/config';

// End-to-end specs drive a real server and Debian's Chromium. Each file has its own server (port, data
// folder, SQLite file) and browser, so two files run at a time on the two-core CI machine; E2E_WORKERS=1
// runs them one after another (docs/decisions/e2e-parallel-files.md). The demo workspace is created once
// per run (global setup) and copied for each file.
const workers = Number(process.env.E2E_WORKERS ?? 2);

export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    pool: 'forks',
    maxWorkers: workers,
    fileParallelism: workers > 1,
    globalSetup: ['e2e/support/global-setup.ts'],
    testTimeout: 90_000,
    hookTimeout: 120_000,
  },
});
