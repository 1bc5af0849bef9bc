import type { NextAuthConfig } from 'next-auth';
import { authSecret } from './secret';

declare module 'next-auth' {
  interface Session {
    /** The account's session version when this session was issued (see `users.sessionVersion`). */
    sessionVersion?: number;
    /** Only in an update the server asks for: its signed ticket to re-issue this session (`reissueTicket`). */
    reissue?: string;
    /** The id of this session's row (`authSessions`), for listing and ending it. */
    sessionId?: string;
    /** Password (or link) accepted, second factor not yet: the guards treat this as signed out. */
    secondFactorPending?: boolean;
  }
}

declare module '@auth/core/jwt' {
  interface JWT {
    /** Session version: a session whose version is below the account's has been ended. */
    sv?: number;
    /** Session id: the `authSessions` row this token belongs to. */
    sid?: string;
    /** Set by the Node callback from the session row on every use, never trusted from the cookie. */
    sfp?: boolean;
  }
}

/**
 * The edge-safe half of the Auth.js config (the proxy uses it alone). The session carries only the user
 * id and the session version: role and department membership are read from the database by the guards
 * on every request, so a change by the admin (or a deactivated account) takes effect at once; the Node
 * config (`auth-options.ts`) checks the version against the database on every `auth()`.
 */
export const authConfig = {
  secret: authSecret(),
  pages: { signIn: '/entrar', error: '/entrar', verifyRequest: '/entrar/link-enviado' },
  session: { strategy: 'jwt', maxAge: 60 * 60 * 12 },
  providers: [],
  callbacks: {
    jwt({ token }) {
      // Auth.js copies name, e-mail and picture into the token by default; the cookie keeps only the id.
      return { sub: token.sub, ...(typeof token.sv === 'number' ? { sv: token.sv } : {}), ...(typeof token.sid === 'string' ? { sid: token.sid } : {}) };
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      if (typeof token.sv === 'number') session.sessionVersion = token.sv;
      if (typeof token.sid === 'string') session.sessionId = token.sid;
      if (token.sfp === true) session.secondFactorPending = true;
      return session;
    },
  },
} satisfies NextAuthConfig;
