import 'server-only';
import NextAuth, { type Session } from 'next-auth';
import { cookies } from 'next/headers';
import { authOptions } from './auth-options';
import { carriesSessionCookie } from './session-cookie';

const nextAuth = NextAuth(authOptions);

export const { handlers, signIn, signOut, unstable_update: refreshSession } = nextAuth;

/**
 * This request's session. Most visitors of the public pages have never signed in: they are answered
 * without running Auth.js at all. A request with a session cookie goes through Auth.js, which checks
 * its signature, expiry and session version exactly as before.
 */
export async function auth(): Promise<Session | null> {
  if (!carriesSessionCookie((await cookies()).getAll())) return null;
  return nextAuth.auth();
}
