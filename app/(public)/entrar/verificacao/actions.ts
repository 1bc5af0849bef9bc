'use server';

import { redirect } from 'next/navigation';
import { eq } from 'drizzle-orm';
import { errorState, type FormState } from '@/lib/actions/form-state';
import { completeSecondFactor } from '@/lib/accounts/auth-sessions';
import { checkSecondFactor } from '@/lib/accounts/two-factor';
import { auth } from '@/lib/auth/auth';
import { homePathFor, safeCallbackPath } from '@/lib/auth/redirects';
import { getDb } from '@/lib/db/client';
import { users } from '@/lib/db/schema';

/**
 * The second step of signing in. Authorized by the pending session itself: only a cookie whose session
 * row waits for a second factor (and has not lapsed) gets here; the code is checked for that account.
 */
export async function verifySecondFactorAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const session = await auth();
  const userId = session?.user?.id;
  const sessionId = session?.sessionId;
  if (!userId || !sessionId || !session.secondFactorPending) redirect('/entrar');
  const result = await checkSecondFactor(userId, { code: formData.get('code') });
  if (!result.ok) return errorState(new FormData(), { code: [result.message] }, result.message);
  if (!(await completeSecondFactor(sessionId, userId))) redirect('/entrar');
  const db = await getDb();
  const [user] = await db.select({ role: users.role }).from(users).where(eq(users.id, userId));
  const destination = safeCallbackPath(formData.get('callbackUrl')) ?? homePathFor(user?.role ?? 'citizen');
  redirect(result.usedRecoveryCode ? `/painel/conta?${new URLSearchParams({ feito: 'recuperacao' })}` : destination);
}
