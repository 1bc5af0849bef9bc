import NextAuth from 'next-auth';
import { authConfig } from '@/lib/auth/auth.config';

const { auth } = NextAuth(authConfig);

/**
 * Sends signed-out visitors of protected areas to the sign-in page, coming back afterwards. A courtesy
 * only: every page, action and query runs its own `require…` guard, which is the actual check.
 */
export const proxy = auth((request) => {
  if (request.auth?.user?.id) return;
  const signIn = new URL('/entrar', request.nextUrl.origin);
  signIn.searchParams.set('callbackUrl', `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return Response.redirect(signIn);
});

export const config = { matcher: ['/painel/:path*', '/minhas-manifestacoes/:path*', '/minha-conta/:path*'] };
