import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  // One graphql instance: Node resolves `graphql` to its CommonJS build (as type-graphql and Apollo load it), while
  // Vite would pick the .mjs build, and graphql refuses to mix the two ("another module or realm").
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] },
  test: {
    include: ['test/**/*.test.ts'],
    // the scale-out tests start their own database servers, PgBouncer and HAProxy: `npm run test:scale`
    exclude: ['**/node_modules/**', 'test/scale/**'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: process.env.CI ? ['default', 'junit'] : ['default'],
    outputFile: { junit: 'test-results/vitest-junit.xml' },
    env: { VITEST: 'true' },
  },
});
