import { defineConfig } from 'vitest/config';

const integration = ['server/src/**/*.int.test.ts', 'simulators/src/**/*.int.test.ts'];

/**
 * Projects:
 * - unit: pure tests, no database;
 * - pg / pglite: the same integration files, once on PostgreSQL and once on PGlite;
 * - e2e: the built app in headless Chromium.
 */
export default defineConfig({
  // Workspace packages resolve to their TypeScript sources (the `source` export condition), not dist/.
  ssr: { resolve: { conditions: ['source', 'module', 'node', 'development|production'] } },
  test: {
    setupFiles: ['server/src/test-support/network-guard.ts'],
    env: { LOG_LEVEL: 'silent' },
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // The JSON report is what CI reads for its closing line (.ci/summary.mjs).
    reporters: ['default', 'json'],
    outputFile: { json: '.test-artifacts/vitest-report.json' },
    coverage: {
      provider: 'v8',
      include: ['server/src/**/*.ts'],
      exclude: ['server/src/**/*.test.ts', 'server/src/test-support/**', 'server/src/**/build-seed.ts'],
      reporter: ['text-summary', 'json-summary', 'html'],
      reportsDirectory: 'coverage',
      thresholds: { lines: 80, statements: 80, functions: 80, branches: 70 },
    },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{contracts,server,simulators,web}/src/**/*.test.{ts,tsx}', 'bench/**/*.test.ts', 'eslint-rules/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'pg',
          include: integration,
          env: { MEDIANEST_TEST_DB: 'postgres' },
          globalSetup: ['server/src/test-support/global-setup-pg.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'pglite',
          include: integration,
          env: { MEDIANEST_TEST_DB: 'pglite' },
          globalSetup: ['server/src/test-support/global-setup-pglite.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          fileParallelism: false,
          testTimeout: 90_000,
          env: { MEDIANEST_TEST_DB: 'postgres' },
          globalSetup: ['server/src/test-support/global-setup-pg.ts'],
        },
      },
    ],
  },
});
