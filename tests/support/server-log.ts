import { setLogDestination } from '@/lib/log';

/**
 * The server log as tests read it: every JSON line lib/log.ts writes during a test file is kept here
 * instead of going to stdout (tests/setup/fail-on-console-error.ts installs it). A test that expects a
 * line takes it with `takeServerLog()`; an error line nobody took fails the test.
 */
const lines: string[] = [];

export function collectServerLog(): void {
  setLogDestination({ write: (line: string) => void lines.push(line) });
}

/** The lines written since the last take, as the raw text an operator's log file would hold. */
export function takeServerLog(): string {
  return lines.splice(0).join('');
}

export type LogLine = { level: string; msg?: string; [field: string]: unknown };

export function parseServerLog(text: string): LogLine[] {
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as LogLine);
}
