'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { AuthError } from 'next-auth';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { errorState, formDataToObject, withoutPasswords, type FormState } from '@/lib/actions/form-state';
import { signIn } from '@/lib/auth/auth';
import { clientAddress } from '@/lib/http/client-address';
import { SignInGovbrLevel, SignInLocked, SignInUnverified } from '@/lib/auth/errors';
import { unmetGovbrLevelMessage } from '@/lib/auth/govbr/staff-level';
import { SignInSchema } from '@/lib/auth/password';
import { homePathFor, safeCallbackPath } from '@/lib/auth/redirects';
import { afterPasswordPath } from '@/lib/auth/sign-in-steps';
import { signInLinkBlockedUntil } from '@/lib/auth/sign-in-link';
import { getDb } from '@/lib/db/client';
import { users } from '@/lib/db/schema';
import { EmailSchema, fieldErrorsOf } from '@/lib/domain/intake-schema';
import { formatTime } from '@/lib/domain/labels';

// Public by design: these are how a visitor becomes signed in. Throttling lives below them, in
// `authenticateWithPassword` and `sendSignInLink`, so the Auth.js routes get it too.

export async function signInWithPassword(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = SignInSchema.safeParse(formDataToObject(formData));
  if (!parsed.success) return errorState(withoutPasswords(formData), fieldErrorsOf(parsed.error));
  try {
    await signIn('credentials', { email: parsed.data.email, password: parsed.data.password, redirect: false });
  } catch (error) {
    if (error instanceof SignInLocked) {
      return errorState(
        withoutPasswords(formData),
        {},
        `Por segurança, as tentativas de entrar a partir desta conexão foram suspensas depois de muitas tentativas sem sucesso. Tente de novo a partir das ${formatTime(error.retryAt)}, ou entre com um link enviado por e-mail.`,
      );
    }
    if (error instanceof SignInUnverified) {
      return errorState(
        withoutPasswords(formData),
        {},
        'Confirme seu e-mail antes de entrar com senha: abra o link que enviamos quando você criou a conta. Se não o encontrar, peça abaixo um link de acesso (a senha deixará de valer e você poderá criar outra na sua conta).',
      );
    }
    if (error instanceof SignInGovbrLevel) return errorState(withoutPasswords(formData), {}, unmetGovbrLevelMessage(error));
    if (error instanceof AuthError) return errorState(withoutPasswords(formData), {}, 'E-mail ou senha incorretos. Confira e tente de novo.');
    throw error;
  }
  const db = await getDb();
  const [user] = await db.select({ id: users.id, role: users.role }).from(users).where(eq(users.email, parsed.data.email));
  const destination = safeCallbackPath(formData.get('callbackUrl')) ?? homePathFor(user?.role ?? 'citizen');
  redirect(user ? await afterPasswordPath(user.id, destination) : destination);
}

const LinkRequestSchema = z.object({ email: z.string({ error: 'Informe seu e-mail.' }).pipe(EmailSchema) });

export async function requestSignInLink(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = LinkRequestSchema.safeParse(formDataToObject(formData));
  if (!parsed.success) return errorState(formData, fieldErrorsOf(parsed.error));
  const { email } = parsed.data;
  const blockedUntil = await signInLinkBlockedUntil(email, clientAddress(await headers()));
  if (blockedUntil) {
    return errorState(formData, {}, `Já enviamos vários links há pouco. Confira sua caixa de entrada (e o spam) ou peça outro a partir das ${formatTime(blockedUntil)}.`);
  }
  try {
    await signIn('email', { email, redirect: false, redirectTo: safeCallbackPath(formData.get('callbackUrl')) ?? '/minhas-manifestacoes' });
  } catch (error) {
    // No citizen account with this e-mail (or a deactivated one): the answer is the same as when the link
    // goes out, so this form never tells who has an account.
    if (!(error instanceof AuthError)) throw error;
  }
  redirect('/entrar/link-enviado');
}
