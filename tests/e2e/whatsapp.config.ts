import path from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Runs the WhatsApp simulator's browser test on its own:
 *   npx vitest run --config tests/e2e/whatsapp.config.ts
 * It starts `next dev` on port 3105 with a scratch DATA_DIR, unless E2E_BASE_URL names a running app.
 */
export default defineConfig({
  root: path.resolve(import.meta.dirname, '../..'),
  test: {
    include: ['tests/e2e/whatsapp-simulator.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    pool: 'forks',
  },
});
