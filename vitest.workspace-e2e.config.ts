import path from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * The workspace's browser journeys (tests/e2e/workspace): the standalone server of `npm run build` (or
 * `next dev` with E2E_SERVER=dev; tests/e2e/harness.ts) over a fresh PostgreSQL database the tests share
 * with the app. Needs DATABASE_URL (a server the tests may create a database on).
 */
export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      'server-only': path.resolve(import.meta.dirname, 'tests/setup/server-only.ts'),
    },
  },
  test: {
    include: ['tests/e2e/workspace/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 1_200_000,
    hookTimeout: 900_000,
    pool: 'forks',
  },
});
