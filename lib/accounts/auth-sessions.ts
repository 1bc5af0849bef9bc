import 'server-only';
import { and, desc, eq, isNull, ne, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type Executor } from '@/lib/db/client';
import { authSessions, type AuthSession } from '@/lib/db/schema';
import type { Actor } from '@/lib/auth/guards';

/**
 * The rows behind session tokens (see `authSessions`). Auth.js keeps the token in a signed cookie; the
 * row says whether it is still open and whether it still waits for the second factor.
 */

/** How long a password sign-in may wait for its second factor before it has to start again. */
export const SECOND_FACTOR_WINDOW_SECONDS = 10 * 60;
/** `lastSeenAt` is written at most this often per session (not on every request). */
const LAST_SEEN_RESOLUTION_MS = 60 * 1000;

export async function openAuthSession(
  input: { userId: string; userAgent: string; clientAddress: string; secondFactorPending: boolean },
  db?: Executor,
): Promise<string> {
  const executor = db ?? (await getDb());
  const [row] = await executor
    .insert(authSessions)
    .values({ userId: input.userId, userAgent: input.userAgent.slice(0, 400), clientAddress: input.clientAddress.slice(0, 100), secondFactorPending: input.secondFactorPending })
    .returning({ id: authSessions.id });
  if (!row) throw new Error('No session row was written');
  return row.id;
}

export type SessionCheck = { open: false } | { open: true; secondFactorPending: boolean };

/**
 * Whether the session a token names is open for this user: not ended, and — while it waits for the
 * second factor — not older than the window. Refreshes `lastSeenAt` now and then.
 */
export async function checkAuthSession(sessionId: string, userId: string, options: { now?: Date; db?: Executor } = {}): Promise<SessionCheck> {
  if (!z.uuid().safeParse(sessionId).success) return { open: false };
  const now = options.now ?? new Date();
  const executor = options.db ?? (await getDb());
  const [row] = await executor.select().from(authSessions).where(and(eq(authSessions.id, sessionId), eq(authSessions.userId, userId)));
  if (!row || row.endedAt) return { open: false };
  if (row.secondFactorPending && now.getTime() - row.createdAt.getTime() > SECOND_FACTOR_WINDOW_SECONDS * 1000) return { open: false };
  if (now.getTime() - row.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
    await executor.update(authSessions).set({ lastSeenAt: now }).where(eq(authSessions.id, row.id));
  }
  return { open: true, secondFactorPending: row.secondFactorPending };
}

/** The pending session becomes a full one once the second factor is right. */
export async function completeSecondFactor(sessionId: string, userId: string, db?: Executor): Promise<boolean> {
  const executor = db ?? (await getDb());
  const rows = await executor
    .update(authSessions)
    .set({ secondFactorPending: false, lastSeenAt: new Date() })
    .where(and(eq(authSessions.id, sessionId), eq(authSessions.userId, userId), isNull(authSessions.endedAt), eq(authSessions.secondFactorPending, true)))
    .returning({ id: authSessions.id });
  return rows.length === 1;
}

/** Signing out: the token's row ends with it (a copy of the cookie kept elsewhere stops working too). */
export async function endAuthSession(sessionId: string, db?: Executor): Promise<void> {
  if (!z.uuid().safeParse(sessionId).success) return;
  const executor = db ?? (await getDb());
  await executor.update(authSessions).set({ endedAt: new Date() }).where(and(eq(authSessions.id, sessionId), isNull(authSessions.endedAt)));
}

/** Every open session of an account ends (account disabled, second factor reset). */
export async function endAllAuthSessions(userId: string, db?: Executor): Promise<number> {
  const executor = db ?? (await getDb());
  const rows = await executor
    .update(authSessions)
    .set({ endedAt: new Date() })
    .where(and(eq(authSessions.userId, userId), isNull(authSessions.endedAt)))
    .returning({ id: authSessions.id });
  return rows.length;
}

export type SessionView = Pick<AuthSession, 'id' | 'userAgent' | 'clientAddress' | 'createdAt' | 'lastSeenAt'> & { current: boolean };

/** The person's own open sessions, the current one first. */
export async function listOwnSessions(actor: Pick<Actor, 'userId'>, currentSessionId: string | undefined, now = new Date()): Promise<SessionView[]> {
  const db = await getDb();
  const pendingSince = new Date(now.getTime() - SECOND_FACTOR_WINDOW_SECONDS * 1000);
  const rows = await db
    .select()
    .from(authSessions)
    .where(
      and(
        eq(authSessions.userId, actor.userId),
        isNull(authSessions.endedAt),
        or(eq(authSessions.secondFactorPending, false), sql`${authSessions.createdAt} > ${pendingSince.toISOString()}::timestamptz`),
      ),
    )
    .orderBy(desc(authSessions.lastSeenAt));
  return rows
    .map((row) => ({ id: row.id, userAgent: row.userAgent, clientAddress: row.clientAddress, createdAt: row.createdAt, lastSeenAt: row.lastSeenAt, current: row.id === currentSessionId }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

const EndSessionSchema = z.object({ sessionId: z.uuid({ error: 'Sessão inválida.' }) });

/** Ends one of the person's own sessions; another person's session id ends nothing. */
export async function endOwnSession(actor: Pick<Actor, 'userId'>, input: unknown): Promise<{ ok: boolean; message?: string }> {
  const parsed = EndSessionSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: 'Sessão inválida.' };
  const db = await getDb();
  const rows = await db
    .update(authSessions)
    .set({ endedAt: new Date() })
    .where(and(eq(authSessions.id, parsed.data.sessionId), eq(authSessions.userId, actor.userId), isNull(authSessions.endedAt)))
    .returning({ id: authSessions.id });
  return rows.length === 1 ? { ok: true } : { ok: false, message: 'Essa sessão já estava encerrada.' };
}

/** Ends every session of the person but the current one. */
export async function endOtherOwnSessions(actor: Pick<Actor, 'userId'>, currentSessionId: string | undefined): Promise<number> {
  const db = await getDb();
  const rows = await db
    .update(authSessions)
    .set({ endedAt: new Date() })
    .where(and(eq(authSessions.userId, actor.userId), isNull(authSessions.endedAt), currentSessionId ? ne(authSessions.id, currentSessionId) : undefined))
    .returning({ id: authSessions.id });
  return rows.length;
}
