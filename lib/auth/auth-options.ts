import 'server-only';
import type { NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import type { EmailConfig } from 'next-auth/providers/email';
import { DrizzleAdapter } from '@auth/drizzle-adapter';
import { getDb } from '@/lib/db/client';
import { accounts, sessions, users, verificationTokens } from '@/lib/db/schema';
import { authConfig } from './auth.config';
import { clientAddress } from '@/lib/http/client-address';
import { SignInGovbrLevel, SignInLocked, SignInUnverified } from './errors';
import { govbrConfig, GOVBR_PROVIDER_ID } from './govbr/config';
import { govbrProvider } from './govbr/provider';
import { admitGovbrSignIn } from './govbr/sign-in';
import { isRefusedGovbrReturn } from './govbr/callback-errors';
import { unmetGovbrLevel } from './govbr/staff-level';
import { authenticateWithPassword } from './password-sign-in';
import { mayUseSignInLink, sendSignInLink, SIGN_IN_LINK_MAX_AGE_SECONDS } from './sign-in-link';
import { currentSessionVersion, discardUnconfirmedPassword, isReissueTicket } from '@/lib/accounts/sessions';
import { componentLog, errorKind } from '@/lib/log';
import { checkSessionRow, startSessionRow } from './session-rows';
import { endAuthSession } from '@/lib/accounts/auth-sessions';

/**
 * Our own e-mail provider rather than Auth.js's Resend one, which ignores RESEND_BASE_URL: the link goes
 * out through `sendEmail`, like every other message (Resend, or the dev mailbox).
 */
const signInLinkProvider: EmailConfig = {
  id: 'email',
  type: 'email',
  name: 'E-mail',
  maxAge: SIGN_IN_LINK_MAX_AGE_SECONDS,
  sendVerificationRequest: sendSignInLink,
  options: {},
};

// Refused credentials and links are the users' everyday mistakes, answered on the page; logging them as
// errors would bury real failures.
const EXPECTED_ERRORS = new Set(['CredentialsSignin', 'AccessDenied', 'Verification']);

let built: Promise<NextAuthConfig> | undefined;

/**
 * The full, Node-only Auth.js config: the database adapter and both ways in (password, e-mailed link).
 * Auth.js asks for it on every request; it is built once per process (a failed build is tried again).
 */
export function authOptions(): Promise<NextAuthConfig> {
  built ??= buildAuthOptions().catch((error: unknown) => {
    built = undefined;
    throw error;
  });
  return built;
}

async function buildAuthOptions(): Promise<NextAuthConfig> {
  const db = await getDb();
  const adapter = DrizzleAdapter(db, { usersTable: users, accountsTable: accounts, sessionsTable: sessions, verificationTokensTable: verificationTokens });
  const updateUser = adapter.updateUser?.bind(adapter);
  if (!updateUser) throw new Error('The Drizzle adapter has no updateUser');
  const govbr = govbrConfig();
  return {
    ...authConfig,
    adapter: {
      ...adapter,
      // Auth.js marks the e-mail verified this way when an e-mailed link is followed.
      async updateUser(user) {
        if (user.emailVerified) await discardUnconfirmedPassword(user.id, db);
        return updateUser(user);
      },
    },
    providers: [
      Credentials({
        credentials: { email: { label: 'E-mail', type: 'email' }, password: { label: 'Senha', type: 'password' } },
        authorize: async (credentials, request) => {
          const result = await authenticateWithPassword({
            email: credentials.email,
            password: credentials.password,
            clientAddress: clientAddress(request.headers),
          });
          if (result.ok) {
            const unmet = await unmetGovbrLevel(result.user.id);
            if (unmet) throw new SignInGovbrLevel(unmet.required);
            return { id: result.user.id, name: result.user.name, email: result.user.email };
          }
          if (result.reason === 'locked') throw new SignInLocked(result.retryAt);
          if (result.reason === 'unverified') throw new SignInUnverified();
          return null;
        },
      }),
      signInLinkProvider,
      ...(govbr ? [govbrProvider(govbr)] : []),
    ],
    callbacks: {
      ...authConfig.callbacks,
      /**
       * On sign-in the token takes the account's session version; on every later use a token whose
       * version is behind has been ended, and so has a deactivated account's (returning null clears the
       * cookie). An update brings a token up to date only with the server's signed re-issue ticket.
       */
      async jwt({ token, user, trigger, session }) {
        const userId = user?.id ?? token.sub;
        if (!userId) return null;
        const version = await currentSessionVersion(userId, db);
        if (version === null) return null;
        const reissued = trigger === 'update' && isReissueTicket((session as { reissue?: unknown } | undefined)?.reissue, userId, version);
        if (!user && !reissued && (token.sv ?? 0) !== version) return null;
        const sessionState = user ? await startSessionRow(userId, db) : await checkSessionRow(token.sid, userId, db);
        if (!sessionState) return null;
        return { sub: userId, sv: version, ...sessionState };
      },
      async signIn({ account, user, profile }) {
        if (govbr && account?.provider === GOVBR_PROVIDER_ID) return admitGovbrSignIn({ profile, accessToken: account.access_token, config: govbr });
        // Asked both before a link is sent and when it is followed. For an unknown e-mail Auth.js passes
        // a made-up user id, which no account has: no link, and no account created through one.
        if (account?.type === 'email') return mayUseSignInLink(user.id);
        return account?.type === 'credentials';
      },
    },
    events: {
      async signOut(message) {
        const sid = 'token' in message ? message.token?.sid : undefined;
        if (sid) await endAuthSession(sid, db);
      },
    },
    logger: {
      error(error) {
        const type = (error as { type?: string }).type ?? error.name;
        if (EXPECTED_ERRORS.has(type)) return;
        // Auth.js's messages may quote what was typed (an e-mail): the kind of error is what is kept.
        const fields = { type, ...errorKind(error.cause ?? error) };
        // A session cookie that is forged, expired or garbled is the visitor's problem, not the server's.
        if (type === 'JWTSessionError') componentLog('auth').warn(fields, 'session cookie refused');
        else if (isRefusedGovbrReturn(error)) componentLog('auth').warn(fields, 'gov.br return refused');
        else componentLog('auth').error(fields, 'Auth.js failed');
      },
    },
  };
}
