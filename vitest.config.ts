import { defineConfig } from 'vitest/config';

// Server tests run on PGlite always, and again on PostgreSQL when TEST_DATABASE_URL is set.
// Browser tests (Playwright + Debian chromium) run once.
const serverProject = (name: 'pglite' | 'postgres') => ({
  test: {
    name,
    include: ['server/**/*.test.ts', 'tests/api/**/*.test.ts'],
    env: { JICENG_TEST_DB: name },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      serverProject('pglite'),
      ...(process.env.TEST_DATABASE_URL ? [serverProject('postgres')] : []),
      // expect.poll waits up to 10 s (not vitest's 1 s): a screen re-rendering after a request
      // takes longer on a CI machine that runs the server suites at the same time.
      { test: { name: 'browser', include: ['tests/browser/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 180_000, fileParallelism: false, expect: { poll: { timeout: 10_000 } } } },
    ],
  },
});
