import { afterEach, vi } from 'vitest';
import { collectServerLog, parseServerLog, takeServerLog } from '../support/server-log';

// An error logged during a test is a failure the test did not assert on: on the console, or as an
// error line of the server's JSON log (lib/log.ts) that the test did not take.
const logged: unknown[][] = [];
vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
  logged.push(args);
});
collectServerLog();
afterEach(() => {
  const errors = logged.splice(0);
  if (errors.length) throw new Error(`console.error was called during the test:\n${errors.map((a) => a.map(String).join(' ')).join('\n')}`);
  const errorLines = parseServerLog(takeServerLog()).filter((line) => line.level === 'error' || line.level === 'fatal');
  if (errorLines.length) throw new Error(`the server logged errors during the test:\n${errorLines.map((line) => JSON.stringify(line)).join('\n')}`);
});
