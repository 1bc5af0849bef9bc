import { GOVBR_PROVIDER_ID } from './config';

/** The `?error=` the sign-in page explains for a gov.br return it could not accept. */
export const GOVBR_CALLBACK_ERROR = 'GovbrCallback';

/**
 * Auth.js answers every refused OpenID return — a state that is not this browser's, a code expired or
 * used, an ID token for another client or from another issuer — with `?error=Configuration`, which the
 * sign-in page would have to read as a server fault. On gov.br's callback route it names what it is.
 */
export function explainGovbrFailure(request: Request, response: Response): Response {
  if (!new URL(request.url).pathname.endsWith(`/callback/${GOVBR_PROVIDER_ID}`)) return response;
  const location = response.headers.get('location');
  if (!location) return response;
  const target = new URL(location, request.url);
  if (target.pathname !== '/entrar' || target.searchParams.get('error') !== 'Configuration') return response;
  target.search = new URLSearchParams({ error: GOVBR_CALLBACK_ERROR }).toString();
  const headers = new Headers(response.headers);
  headers.set('location', target.toString());
  return new Response(null, { status: response.status, headers });
}

const REFUSED_RETURN_ERRORS = new Set(['OperationProcessingError', 'ResponseBodyError', 'AuthorizationResponseError']);

/**
 * Whether Auth.js's error is a gov.br return it refused (forged or stale state, a code expired or used,
 * an ID token for another client or issuer): the visitor's problem, logged as a warning. gov.br being
 * unreachable stays an error.
 */
export function isRefusedGovbrReturn(error: Error): boolean {
  const type = (error as { type?: string }).type;
  if (type === 'InvalidCheck') return true;
  if (type !== 'CallbackRouteError') return false;
  const cause = error.cause as { err?: unknown; provider?: unknown } | undefined;
  return cause?.provider === GOVBR_PROVIDER_ID && cause.err instanceof Error && REFUSED_RETURN_ERRORS.has(cause.err.name);
}
