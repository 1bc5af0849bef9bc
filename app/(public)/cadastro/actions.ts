'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { AuthError } from 'next-auth';
import { signUpCitizen } from '@/lib/accounts/sign-up';
import { errorState, formDataToObject, withoutPasswords, type FormState } from '@/lib/actions/form-state';
import { signIn } from '@/lib/auth/auth';
import { clientAddress } from '@/lib/http/client-address';
import { safeCallbackPath } from '@/lib/auth/redirects';

// Public by design: anyone may create a citizen account (throttled per address in `signUpCitizen`).
export async function signUp(_previous: FormState, formData: FormData): Promise<FormState> {
  const input = formDataToObject(formData);
  const result = await signUpCitizen(input, { clientAddress: clientAddress(await headers()) });
  if (!result.ok) return errorState(withoutPasswords(formData), result.fieldErrors);

  // Signed in at once with the new password; the e-mailed link confirms the address (which is what lets
  // them claim demands filed with it) and signs them in wherever they open it.
  await signIn('credentials', { email: result.user.email, password: input.password, redirect: false });
  try {
    await signIn('email', { email: result.user.email, redirect: false, redirectTo: '/minhas-manifestacoes?email=confirmado' });
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
  }
  const callbackUrl = safeCallbackPath(formData.get('callbackUrl'));
  redirect(callbackUrl ?? '/minhas-manifestacoes?conta=criada');
}
