import path from 'node:path';
import { defineConfig } from 'vitest/config';

/** Browser tests: each file starts its own `next dev` on a temporary embedded database. */
export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 600_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
