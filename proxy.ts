import NextAuth from 'next-auth';
import { authConfig } from '@/lib/auth/auth.config';
import { refuseOversizedFormPost } from '@/lib/http/oversized-post';

const { auth } = NextAuth(authConfig);

const PROTECTED = /^\/(painel|minhas-manifestacoes)(\/|$)/;

/**
 * Sends signed-out visitors of protected areas to the sign-in page, coming back afterwards. A courtesy
 * only: every page, action and query runs its own `require…` guard, which is the actual check.
 */
export const proxy = auth((request) => {
  // A form post over the body limit gets a page that says so, instead of Next's bare error (see the helper).
  const oversized = refuseOversizedFormPost(request);
  if (oversized) return oversized;
  if (!PROTECTED.test(request.nextUrl.pathname)) return;
  if (request.auth?.user?.id) return;
  const signIn = new URL('/entrar', request.nextUrl.origin);
  signIn.searchParams.set('callbackUrl', `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return Response.redirect(signIn);
});

export const config = {
  matcher: ['/painel/:path*', '/minhas-manifestacoes/:path*', '/ouvidoria/nova/:path*', '/balcao/:path*', '/situacao/:path*'],
};
