import { z } from 'zod';

/** What the chat platforms' Graph API clients share: reading Meta's errors, and where Meta's files live. */

/** A Graph API failure: the HTTP status, Meta's code when it gave one, and whether trying the same request again later can succeed. */
export class GraphApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: number | undefined,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'GraphApiError';
  }
}

export const GraphErrorSchema = z.object({ error: z.looseObject({ message: z.string().optional(), code: z.coerce.number().optional() }) });
/** WhatsApp's Cloud API also explains itself in `error_data.details`. */
export const CloudApiErrorSchema = z.object({
  error: z.looseObject({
    message: z.string().optional(),
    code: z.coerce.number().optional(),
    error_data: z.looseObject({ details: z.string().optional() }).optional(),
  }),
});

/**
 * A file we will not fetch or keep, whatever happens on retry: its address is not Meta's, or it is larger
 * than an attachment may be. `reason` is what the citizen is told.
 */
export class DownloadRefusedError extends Error {
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(message);
    this.name = 'DownloadRefusedError';
  }
}

type GraphError = { message?: string; code?: number; error_data?: { details?: string } };

/** A failed response's body as Meta words it (`error` when it matched `schema`), and whether the same request may succeed later. */
export async function graphErrorOf(
  response: Response,
  retryableCodes: ReadonlySet<number>,
  schema: typeof GraphErrorSchema | typeof CloudApiErrorSchema,
): Promise<{ error: GraphError | undefined; code: number | undefined; body: string; retryable: boolean }> {
  const body = await response.text().catch(() => '');
  let parsed: { error: GraphError } | undefined;
  try {
    parsed = schema.parse(JSON.parse(body));
  } catch {
    parsed = undefined;
  }
  const code = parsed?.error.code;
  const retryable = response.status === 408 || response.status === 429 || response.status >= 500 || (code !== undefined && retryableCodes.has(code));
  return { error: parsed?.error, code, body, retryable };
}

/**
 * Whether an address is one of Meta's hosts (`hosts`) over https on the default port, or the configured
 * API URL's own origin (a proxy in front of Meta, the tests' stand-in). No credentials in the URL.
 */
export function isMetaHostedUrl(address: string, apiUrl: string, hosts: readonly RegExp[]): boolean {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (url.origin === new URL(apiUrl).origin) return true;
  return url.protocol === 'https:' && (url.port === '' || url.port === '443') && hosts.some((host) => host.test(url.hostname));
}

const MAX_REDIRECTS = 3;

/** Follows redirects by hand, so that `check` (which throws to refuse) sees every hop before it is fetched. */
export async function fetchCheckingEachHop(address: string, check: (url: string) => void, request: (url: string) => Promise<Response>): Promise<Response> {
  let url = address;
  for (let redirects = 0; ; redirects++) {
    check(url);
    const response = await request(url);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location && redirects < MAX_REDIRECTS) {
      await response.body?.cancel();
      url = new URL(location, url).toString();
      continue;
    }
    return response;
  }
}
