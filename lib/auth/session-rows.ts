import 'server-only';
import { headers } from 'next/headers';
import { checkAuthSession, openAuthSession } from '@/lib/accounts/auth-sessions';
import { hasSecondFactor } from '@/lib/accounts/two-factor';
import type { Executor } from '@/lib/db/client';
import { clientAddress } from '@/lib/http/client-address';

/**
 * The session-row half of the JWT callback (kept apart from the provider list in `auth-options.ts`).
 * Whichever way a person signs in (password, e-mailed link, another provider), a confirmed authenticator
 * makes the new session wait for the second factor.
 */
export type SessionClaims = { sid?: string; sfp?: boolean };

export async function startSessionRow(userId: string, db: Executor): Promise<SessionClaims> {
  const pending = await hasSecondFactor(userId, db);
  const request = await requestHeaders();
  const sid = await openAuthSession(
    { userId, userAgent: request?.get('user-agent') ?? '', clientAddress: request ? clientAddress(request) : '', secondFactorPending: pending },
    db,
  );
  return { sid, ...(pending ? { sfp: true } : {}) };
}

/**
 * A token with a session id must name an open row. A token without one was issued before session rows
 * existed: it keeps working (under the session version) only for an account without a second factor.
 */
export async function checkSessionRow(sid: string | undefined, userId: string, db: Executor): Promise<SessionClaims | null> {
  if (!sid) return (await hasSecondFactor(userId, db)) ? null : {};
  const state = await checkAuthSession(sid, userId, { db });
  if (!state.open) return null;
  return { sid, ...(state.secondFactorPending ? { sfp: true } : {}) };
}

/** Outside a request (a script, a test calling Auth.js directly) there are no headers to record. */
async function requestHeaders(): Promise<Headers | null> {
  try {
    return await headers();
  } catch {
    return null;
  }
}
