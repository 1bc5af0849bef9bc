import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { authSecret } from '@/lib/auth/secret';
import { getDb, type Executor } from '@/lib/db/client';
import { users } from '@/lib/db/schema';

/**
 * Sessions are signed tokens (Auth.js JWT strategy: the password sign-in needs it), so ending one cannot
 * delete a row. Each token carries the account's session version from when it was issued; raising the
 * version ends every token issued before, and `auth()` checks the version on every request.
 */

/** The account's current session version, or null when it may hold no session (gone or deactivated). */
export async function currentSessionVersion(userId: string, db?: Executor): Promise<number | null> {
  const executor = db ?? (await getDb());
  const [user] = await executor.select({ sessionVersion: users.sessionVersion, active: users.active }).from(users).where(eq(users.id, userId));
  return user?.active ? user.sessionVersion : null;
}

/**
 * Ends every session of the account issued so far and returns the new version; the caller re-issues its
 * own session with `reissueTicket`.
 */
export async function endSessions(userId: string, db?: Executor): Promise<number> {
  const executor = db ?? (await getDb());
  const [row] = await executor
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId))
    .returning({ sessionVersion: users.sessionVersion });
  if (!row) throw new Error(`No user ${userId} to end the sessions of`);
  return row.sessionVersion;
}

/**
 * Lets the server re-issue the caller's own session at the new version after ending the others (Auth.js
 * `update`). Anyone can ask Auth.js for an update (POST /api/auth/session), an ended session included; only
 * a ticket signed here, for this account and this version, brings a session up to date.
 */
export function reissueTicket(userId: string, version: number): string {
  return createHmac('sha256', authSecret() ?? '').update(`session-reissue:${userId}:${version}`).digest('base64url');
}

export function isReissueTicket(ticket: unknown, userId: string, version: number): boolean {
  if (typeof ticket !== 'string') return false;
  const expected = Buffer.from(reissueTicket(userId, version));
  const given = Buffer.from(ticket);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The first sign-in by e-mailed link of an account whose e-mail nobody had confirmed: the link proves
 * the e-mail, the password does not (anyone can sign up with someone else's e-mail and set one). The
 * password is discarded and any session it gave is ended; the owner can set a password of their own.
 * Runs before Auth.js marks the e-mail verified, so it acts only on that first sign-in.
 */
export async function discardUnconfirmedPassword(userId: string, db?: Executor): Promise<void> {
  const executor = db ?? (await getDb());
  await executor
    .update(users)
    .set({ passwordHash: null, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(and(eq(users.id, userId), isNull(users.emailVerified)));
}
