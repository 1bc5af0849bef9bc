import path from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Browser tests: one app server for the whole run (started by the global setup unless E2E_BASE_URL names
 * one), Debian's Chromium through playwright-core, axe-core for accessibility. No database setup: the
 * app opens its own (embedded, in a fresh temporary DATA_DIR).
 */
export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
    },
  },
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    setupFiles: ['tests/e2e/csp-guard.ts'],
    // One server on a small machine: files run one after another.
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
