import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * The scale-out tests (`npm run test:scale`, docs/operations.md "Scale-out test"): their own PostgreSQL servers,
 * PgBouncer and HAProxy in temporary directories, so not in the default `npm test` run (nor its global setup, which
 * prepares the machine's test database). One file at a time: each starts several product processes.
 */
export default defineConfig({
  resolve: base.resolve,
  test: {
    ...base.test,
    include: ['test/scale/**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    globalSetup: [],
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 600_000,
    hookTimeout: 300_000,
    outputFile: { junit: 'test-results/vitest-scale-junit.xml' },
  },
});
