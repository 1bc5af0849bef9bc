'use server';

import { redirect } from 'next/navigation';
import { eq } from 'drizzle-orm';
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { errorState, type FormState } from '@/lib/actions/form-state';
import { completeSecondFactor } from '@/lib/accounts/auth-sessions';
import { checkPasskeySignIn, startPasskeySignIn, type OptionsResult } from '@/lib/accounts/passkeys';
import { checkSecondFactor } from '@/lib/accounts/two-factor';
import { auth } from '@/lib/auth/auth';
import { homePathFor, safeCallbackPath } from '@/lib/auth/redirects';
import { getDb } from '@/lib/db/client';
import { users } from '@/lib/db/schema';

/**
 * The second step of signing in. Authorized by the pending session itself: only a cookie whose session
 * row waits for a second factor (and has not lapsed) gets here; the code or passkey is checked for that
 * account, and completes that session.
 */
async function pendingSignIn(): Promise<{ userId: string; sessionId: string }> {
  const session = await auth();
  const userId = session?.user?.id;
  const sessionId = session?.sessionId;
  if (!userId || !sessionId || !session.secondFactorPending) redirect('/entrar');
  return { userId, sessionId };
}

async function finishSignIn(pending: { userId: string; sessionId: string }, callbackUrl: unknown, afterRecoveryCode: boolean): Promise<never> {
  if (!(await completeSecondFactor(pending.sessionId, pending.userId))) redirect('/entrar');
  const db = await getDb();
  const [user] = await db.select({ role: users.role }).from(users).where(eq(users.id, pending.userId));
  const destination = safeCallbackPath(callbackUrl) ?? homePathFor(user?.role ?? 'citizen');
  redirect(afterRecoveryCode ? `/painel/conta?${new URLSearchParams({ feito: 'recuperacao' })}` : destination);
}

export async function verifySecondFactorAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const pending = await pendingSignIn();
  const result = await checkSecondFactor(pending.userId, { code: formData.get('code') });
  if (!result.ok) return errorState(new FormData(), { code: [result.message] }, result.message);
  return finishSignIn(pending, formData.get('callbackUrl'), result.usedRecoveryCode);
}

export async function passkeySignInOptionsAction(): Promise<OptionsResult<PublicKeyCredentialRequestOptionsJSON>> {
  return startPasskeySignIn(await pendingSignIn());
}

/** The browser's signed answer (JSON): right, the session is complete and the person goes on. */
export async function verifyPasskeySignInAction(response: string, callbackUrl: string | null): Promise<{ ok: false; message: string }> {
  const pending = await pendingSignIn();
  const result = await checkPasskeySignIn(pending, response);
  if (!result.ok) return result;
  return finishSignIn(pending, callbackUrl, false);
}
