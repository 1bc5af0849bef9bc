import pino, { type DestinationStream, type Logger } from 'pino';
import { REQUEST_ID_HEADER } from '@/lib/http/request-id';

/**
 * The server's one logger: JSON lines on stdout (pino), one object per event, at the level set by
 * LOG_LEVEL (trace, debug, info, warn, error, fatal, silent; info by default). Lines written while a
 * request is served carry its `requestId` (see `requestLog`), so an operator can follow one request
 * across lines and match it with the reverse proxy's access log.
 *
 * No personal data: call sites pass ids, protocols, channels and error kinds, never a name, e-mail,
 * phone, CPF, description, access code or token. `redact` below is the safety net for the field names
 * such data would travel under if a call site slipped; it is not the rule.
 */

export const REDACTED_PATHS = [
  'name',
  'email',
  'phone',
  'cpf',
  'description',
  'accessCode',
  'token',
  'password',
  'recipient',
  'scopedId',
  'authorization',
  'cookie',
  '*.name',
  '*.email',
  '*.phone',
  '*.cpf',
  '*.description',
  '*.accessCode',
  '*.token',
  '*.password',
  '*.recipient',
  '*.scopedId',
  '*.authorization',
  '*.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
] as const;

const LEVELS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']);

export function logLevel(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.LOG_LEVEL?.trim().toLowerCase();
  return configured && LEVELS.has(configured) ? configured : 'info';
}

/**
 * Where the lines go. stdout by default (the container's log driver or systemd collects it); tests swap
 * in a collector with `setLogDestination` to read what a real path logged.
 */
type Holder = { destination: DestinationStream; logger?: Logger };
const holder: Holder = ((globalThis as { __ouvidoriaLog?: Holder }).__ouvidoriaLog ??= { destination: pino.destination({ dest: 1, sync: true }) });

const forwarding: DestinationStream = { write: (line: string) => holder.destination.write(line) };

function createLogger(): Logger {
  return pino(
    {
      level: logLevel(),
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' },
    },
    forwarding,
  );
}

export function logger(): Logger {
  holder.logger ??= createLogger();
  return holder.logger;
}

/** Replaces the destination (tests); returns the previous one so it can be put back. */
export function setLogDestination(destination: DestinationStream): DestinationStream {
  const previous = holder.destination;
  holder.destination = destination;
  return previous;
}

/** A logger for one part of the system (`worker`, `whatsapp`, `auth`…). */
export function componentLog(component: string, bindings: Record<string, string | number> = {}): Logger {
  return logger().child({ component, ...bindings });
}

/**
 * The logger for the request being served: the request id proxy.ts stamped on it. Outside a request
 * (the worker, a script, a test calling a use case directly) it is the component logger alone.
 */
export async function requestLog(component: string): Promise<Logger> {
  const requestId = await currentRequestId();
  return componentLog(component, requestId ? { requestId } : {});
}

async function currentRequestId(): Promise<string | undefined> {
  try {
    const { headers } = await import('next/headers');
    return (await headers()).get(REQUEST_ID_HEADER) ?? undefined;
  } catch {
    // `headers()` outside a request scope throws: there is no request to name.
    return undefined;
  }
}

/**
 * What may be logged of an error: its kind and SQLSTATE. The message only of lib/db/errors.ts's
 * `DatabaseError`, which was written to carry no parameter; any other message may quote a query's
 * parameters or a provider's echo of a recipient.
 */
export function errorKind(error: unknown): { errorName: string; code?: string; message?: string } {
  const errorName = error instanceof Error ? error.name : typeof error;
  const cause = typeof error === 'object' && error !== null && 'cause' in error ? error.cause : undefined;
  const code = codeOf(error) ?? codeOf(cause);
  const safe = [error, cause].find((candidate) => candidate instanceof Error && candidate.name === 'DatabaseError') as Error | undefined;
  return { errorName, ...(code ? { code } : {}), ...(safe ? { message: safe.message } : {}) };
}

function codeOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}
