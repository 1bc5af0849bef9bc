import { defineConfig } from 'vitest/config';

/** Browser journeys against a running `next dev` (started by each test file unless E2E_BASE_URL is set). */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    testTimeout: 10 * 60_000,
    hookTimeout: 10 * 60_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
