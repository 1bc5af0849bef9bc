import type { NextAuthConfig } from 'next-auth';
import { authSecret } from './secret';

/**
 * The edge-safe half of the Auth.js config (the proxy uses it alone). The session carries only the user
 * id: role and department membership are read from the database by the guards on every request, so a
 * change by the admin (or a deactivated account) takes effect at once.
 */
export const authConfig = {
  secret: authSecret(),
  pages: { signIn: '/entrar', error: '/entrar', verifyRequest: '/entrar/link-enviado' },
  session: { strategy: 'jwt', maxAge: 60 * 60 * 12 },
  providers: [],
  callbacks: {
    jwt({ token }) {
      // Auth.js copies name, e-mail and picture into the token by default; the cookie keeps only the id.
      return { sub: token.sub };
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
} satisfies NextAuthConfig;
