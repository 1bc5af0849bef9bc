'use server';

import { redirect } from 'next/navigation';
import { setPasswordWithLink } from '@/lib/accounts/password-setup';
import { errorState, formDataToObject, withoutPasswords, type FormState } from '@/lib/actions/form-state';

// Public by design: the one-time token in the form is the credential, checked and spent by the use case.
// On success it leaves the link's page, which no longer opens once the token is spent.
export async function setPassword(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await setPasswordWithLink(formDataToObject(formData));
  if (!result.ok) return errorState(withoutPasswords(formData), result.fieldErrors, 'A senha não foi definida.');
  redirect('/definir-senha/concluido');
}
