import path from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * `npm run test:chaos` (after `npm run build`): two web instances and three workers on one fresh PostgreSQL
 * database, with SIGKILLs in the middle (tests/chaos). The test process migrates and checks the database
 * itself, so it resolves the app's modules as the unit tests do.
 */
export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      'server-only': path.resolve(import.meta.dirname, 'tests/setup/server-only.ts'),
    },
  },
  test: {
    include: ['tests/chaos/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
