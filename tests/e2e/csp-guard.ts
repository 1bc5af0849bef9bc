import { afterEach, expect } from 'vitest';
import { takeCspViolations } from './harness';

/** Every browser test fails if a page it opened broke the Content-Security-Policy (see harness.ts). */
afterEach(() => {
  expect(takeCspViolations(), 'Content-Security-Policy violations').toEqual([]);
});
