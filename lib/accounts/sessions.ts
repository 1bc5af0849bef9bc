import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
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

/** Ends every session of the account issued so far; the caller re-issues its own if it keeps one. */
export async function endSessions(userId: string, db?: Executor): Promise<void> {
  const executor = db ?? (await getDb());
  await executor.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, userId));
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
