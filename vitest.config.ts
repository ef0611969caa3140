import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

const onPostgres = { env: { TOURDESK_TEST_ENGINE: 'postgres' }, globalSetup: ['test/helpers/postgres-setup.ts'] };

/**
 * Everything runs with `npm test`. The fast part (`npm run test:fast`: unit and domain
 * tests, no HTTP, no child processes, no browser) takes seconds.
 */
export default defineConfig({
  test: {
    // Two files at a time even on a two-core machine: most tests wait on child processes, a
    // browser or PostgreSQL, and the suite takes a sixth less time than one file at a time.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      { extends: true, test: { name: 'domain', include: ['test/domain/**/*.test.ts'] } },
      { extends: true, test: { name: 'http', include: ['test/integration/**/*.test.ts', 'test/mail/**/*.test.ts', 'test/documents/**/*.test.ts'] } },
      {
        extends: true,
        test: { name: 'processes', include: ['test/notifier/**/*.test.ts', 'test/concurrency/**/*.test.ts', 'test/cli/**/*.test.ts', 'test/browser/**/*.test.ts'] },
      },
      // The second engine: a throwaway PostgreSQL cluster per file (Debian's postgresql must be installed).
      { extends: true, test: { name: 'postgres', include: ['test/postgres/**/*.test.ts'] } },
      // The same tests again on PostgreSQL: one throwaway cluster for the run, a database per test.
      { extends: true, test: { name: 'domain-pg', include: ['test/domain/**/*.test.ts'], ...onPostgres } },
      { extends: true, test: { name: 'processes-pg', include: ['test/concurrency/**/*.test.ts', 'test/notifier/**/*.test.ts'], ...onPostgres } },
      // The generated client speaks HTTP to a server process on its own SQLite file whatever the engine: run once, under http.
      {
        extends: true,
        test: {
          name: 'http-pg',
          include: ['test/integration/**/*.test.ts', 'test/mail/**/*.test.ts', 'test/documents/**/*.test.ts'],
          exclude: ['test/integration/openapi-client.test.ts'],
          ...onPostgres,
        },
      },
    ],
  },
});
