import 'server-only';
import NextAuth from 'next-auth';
import { authOptions } from './auth-options';

export const { handlers, auth, signIn, signOut, unstable_update: refreshSession } = NextAuth(authOptions);
