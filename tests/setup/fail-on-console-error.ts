import { afterEach, vi } from 'vitest';

// An error logged during a test is a failure the test did not assert on.
const logged: unknown[][] = [];
vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
  logged.push(args);
});
afterEach(() => {
  const errors = logged.splice(0);
  if (errors.length) throw new Error(`console.error was called during the test:\n${errors.map((a) => a.map(String).join(' ')).join('\n')}`);
});
