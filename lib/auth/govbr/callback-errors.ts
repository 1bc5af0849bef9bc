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
