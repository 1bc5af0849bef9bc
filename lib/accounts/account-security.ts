import 'server-only';
import { verify } from '@node-rs/argon2';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { users } from '@/lib/db/schema';
import type { Actor } from '@/lib/auth/guards';
import { hashPassword, NewPasswordSchema } from '@/lib/auth/password';
import { clearSignInFailures } from '@/lib/auth/password-sign-in';
import { fieldErrorsOf, type FieldErrors } from '@/lib/domain/intake-schema';
import { failureDelaySeconds, recordFailure, sleep, type Wait } from '@/lib/rate-limit';
import { endSessions } from './sessions';

/** "Minha conta": the signed-in user's password and sessions. */

const ChangePasswordSchema = z
  .object({
    currentPassword: z.string().max(200).optional(),
    password: NewPasswordSchema,
    passwordConfirmation: z.string({ error: 'Repita a nova senha.' }),
  })
  .refine((value) => value.password === value.passwordConfirmation, { path: ['passwordConfirmation'], error: 'As duas senhas não são iguais.' });

/** `sessionVersion`: the account's new version, for the caller to re-issue its own session. */
export type AccountResult = { ok: true; sessionVersion: number } | { ok: false; fieldErrors: FieldErrors };

export const WRONG_CURRENT_PASSWORD = 'A senha atual não confere.';

/** Whether the account has a password (one signed in only by link may have none, or had it discarded). */
export async function hasPassword(actor: Pick<Actor, 'userId'>): Promise<boolean> {
  const db = await getDb();
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, actor.userId));
  return Boolean(user?.passwordHash);
}

/**
 * Sets a new password. The current one is required when there is one (a session left open on a shared
 * computer must not be enough to take the account); without one, the signed-in owner creates it. Every
 * other session ends; the caller re-issues its own.
 */
export async function changePassword(actor: Pick<Actor, 'userId'>, input: unknown, options: { now?: Date; wait?: Wait } = {}): Promise<AccountResult> {
  const parsed = ChangePasswordSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const now = options.now ?? new Date();
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
  if (!user?.active) return { ok: false, fieldErrors: { form: ['Sua sessão terminou. Entre de novo.'] } };
  if (user.passwordHash) {
    const delayKey = `change-password:${user.id}`;
    await (options.wait ?? sleep)(await failureDelaySeconds(delayKey, now));
    if (!parsed.data.currentPassword || !(await verify(user.passwordHash, parsed.data.currentPassword))) {
      await recordFailure(delayKey, now);
      return { ok: false, fieldErrors: { currentPassword: [WRONG_CURRENT_PASSWORD] } };
    }
  }
  const [updated] = await db
    .update(users)
    .set({ passwordHash: await hashPassword(parsed.data.password), sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, user.id))
    .returning({ sessionVersion: users.sessionVersion });
  await clearSignInFailures(user.email);
  return { ok: true, sessionVersion: updated?.sessionVersion ?? user.sessionVersion + 1 };
}

/** Ends every session of the account; returns the new version, for the caller to re-issue its own. */
export function endOtherSessions(actor: Pick<Actor, 'userId'>): Promise<number> {
  return endSessions(actor.userId);
}
