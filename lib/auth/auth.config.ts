import type { NextAuthConfig } from 'next-auth';

/**
 * The edge-safe half of the Auth.js config. The session carries only the user id: role and department
 * membership are read from the database by the guards on every request, so a change by the admin (or a
 * deactivated account) takes effect at once.
 */
export const authConfig = {
  pages: { signIn: '/entrar' },
  session: { strategy: 'jwt', maxAge: 60 * 60 * 12 },
  providers: [],
  callbacks: {
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
} satisfies NextAuthConfig;
