'use server';

import { redirect } from 'next/navigation';
import { AuthError } from 'next-auth';
import { confirmEmail } from '@/lib/accounts/email-confirmation';
import { errorState, formDataToObject, withoutPasswords, type FormState } from '@/lib/actions/form-state';
import { signIn } from '@/lib/auth/auth';

/**
 * Public by design: the e-mailed token and the account's password together are the credential, checked
 * by `confirmEmail`. Once confirmed, the citizen is signed in with the same password.
 */
export async function confirmEmailAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const input = formDataToObject(formData);
  const result = await confirmEmail(input);
  if (!result.ok) {
    if (result.reason === 'invalid_link') {
      return errorState(withoutPasswords(formData), {}, 'Este link de confirmação expirou ou já foi usado. Entre pedindo um link de acesso na página Entrar.');
    }
    return errorState(withoutPasswords(formData), result.fieldErrors);
  }
  try {
    await signIn('credentials', { email: result.email, password: input.password, redirect: false });
  } catch (error) {
    // Confirmed all the same; the sign-in page says why it did not go further (e.g. too many tries).
    if (!(error instanceof AuthError)) throw error;
    redirect('/entrar?confirmado=1');
  }
  redirect('/minhas-manifestacoes?email=confirmado');
}
