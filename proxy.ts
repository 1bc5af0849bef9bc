import { vlibrasEnabled } from '@/lib/accessibility/vlibras';
import NextAuth, { type NextAuthRequest } from 'next-auth';
import { NextResponse, type NextFetchEvent, type NextRequest } from 'next/server';
import { authConfig } from '@/lib/auth/auth.config';
import { requestIsHttps, trustedProxyCount } from '@/lib/http/client-address';
import { REQUEST_ID_HEADER } from '@/lib/http/request-id';
import { refuseOversizedFormPost } from '@/lib/http/oversized-post';
import { contentSecurityPolicy, newNonce, referrerPolicyFor, STRICT_TRANSPORT_SECURITY } from '@/lib/http/security-headers';
import { mapCspSources } from '@/lib/map-config';
import { govbrFormTargets } from '@/lib/auth/govbr/config';
import { STATUS_FILES_COOKIE_PATH, statusFilesCookieFor } from '@/lib/http/status-link-cookie';

/**
 * Runs before every page and route (see `config.matcher`), in small steps: a page for form posts over the
 * body limit, the request id the server's log lines carry, the sign-in redirect of the protected areas,
 * the Content-Security-Policy with this request's nonce, the status page's file cookie, and the
 * per-request security headers. None of it is an authorization check: every page, action and
 * query runs its own `require…` guard.
 */

const { auth } = NextAuth(authConfig);

const PROTECTED_AREAS = ['/painel', '/minhas-manifestacoes', '/minha-conta'];

function inProtectedArea(pathname: string): boolean {
  return PROTECTED_AREAS.some((area) => pathname === area || pathname.startsWith(`${area}/`));
}

/** Sends signed-out visitors of protected areas to the sign-in page, coming back afterwards. A courtesy only. */
function redirectToSignIn(request: NextAuthRequest): Response {
  const signIn = new URL('/entrar', request.nextUrl.origin);
  signIn.searchParams.set('callbackUrl', `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return Response.redirect(signIn);
}

/**
 * Passes the request on with its CSP: Next reads the nonce from the request's copy of the header and puts
 * it on its own scripts; the browser enforces the response's. Route handlers (`/api/…`) answer data, not
 * pages, and set their own policy where it matters (file downloads).
 */
function continueWithPolicy(request: NextRequest, requestId: string): NextResponse {
  const headers = new Headers(request.headers);
  headers.set(REQUEST_ID_HEADER, requestId);
  if (request.nextUrl.pathname.startsWith('/api/')) return NextResponse.next({ request: { headers } });
  const policy = contentSecurityPolicy({ nonce: newNonce(), development: process.env.NODE_ENV === 'development', https: requestIsHttps(request.headers), map: mapCspSources(), formTargets: govbrFormTargets(), vlibras: vlibrasEnabled() });
  headers.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', policy);
  return response;
}

// Typed with the event so that Auth.js's middleware overload (not the route handler's) applies.
const signedInOrRedirected = (requestId: string) =>
  auth((request: NextAuthRequest, _event: NextFetchEvent): Response => (request.auth?.user?.id ? continueWithPolicy(request, requestId) : redirectToSignIn(request)));

/**
 * The id of this request in the server's log: the one the reverse proxy sent, when there is a trusted
 * one (TRUSTED_PROXY_COUNT) and its id looks like an id; otherwise a new one. A client reaching the app
 * directly cannot choose the id its requests are logged under.
 */
function requestIdOf(request: NextRequest): string {
  const forwarded = request.headers.get(REQUEST_ID_HEADER);
  if (forwarded && /^[A-Za-z0-9._:-]{8,128}$/.test(forwarded) && trustedProxyCount() > 0) return forwarded;
  return crypto.randomUUID();
}

/** Opening `/situacao/<token>` leaves the cookie its file links need (lib/http/status-link-cookie.ts). */
function grantStatusLinkFiles(request: NextRequest, response: Response): void {
  // Tokens are URL-safe as they stand (hex, base64url, dots): nothing to decode.
  const match = /^\/situacao\/([^/]+)$/.exec(request.nextUrl.pathname);
  if (request.method !== 'GET' || !match?.[1]) return;
  const cookie = statusFilesCookieFor(match[1]);
  if (!cookie) return;
  const attributes = [`Path=${STATUS_FILES_COOKIE_PATH}`, `Max-Age=${cookie.maxAgeSeconds}`, 'HttpOnly', 'SameSite=Lax', ...(requestIsHttps(request.headers) ? ['Secure'] : [])];
  response.headers.append('set-cookie', [`${cookie.name}=${cookie.value}`, ...attributes].join('; '));
}

/** The headers that depend on the request; the fixed ones come from next.config.ts. */
function addSecurityHeaders(request: NextRequest, response: Response): void {
  response.headers.set('referrer-policy', referrerPolicyFor(request.nextUrl.pathname));
  if (requestIsHttps(request.headers)) response.headers.set('strict-transport-security', STRICT_TRANSPORT_SECURITY);
}

export async function proxy(request: NextRequest, event: NextFetchEvent): Promise<Response> {
  // A form post over the body limit gets a page that says so, instead of Next's bare error (see the helper).
  const oversized = refuseOversizedFormPost(request);
  if (oversized) {
    addSecurityHeaders(request, oversized);
    return oversized;
  }
  const requestId = requestIdOf(request);
  const response = inProtectedArea(request.nextUrl.pathname)
    ? ((await signedInOrRedirected(requestId)(request, event)) ?? continueWithPolicy(request, requestId))
    : continueWithPolicy(request, requestId);
  grantStatusLinkFiles(request, response);
  addSecurityHeaders(request, response);
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return response;
}

// Every path but Next's static files and the Meta webhooks (WhatsApp, Messenger, Instagram), whose body the
// proxy would otherwise buffer before the route's own size check (next.config.ts still gives the fixed headers).
export const config = { matcher: ['/((?!_next/static|_next/image|favicon.ico|api/whatsapp/webhook|api/messenger/webhook|api/instagram/webhook).*)'] };
