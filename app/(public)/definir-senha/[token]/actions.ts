'use server';

import { setPasswordWithLink } from '@/lib/accounts/password-setup';
import { errorState, formDataToObject, withoutPasswords, type FormState } from '@/lib/actions/form-state';

// Public by design: the one-time token in the form is the credential, checked and spent by the use case.
export async function setPassword(_previous: FormState<{ email: string }>, formData: FormData): Promise<FormState<{ email: string }>> {
  const result = await setPasswordWithLink(formDataToObject(formData));
  if (!result.ok) return errorState(withoutPasswords(formData), result.fieldErrors, 'A senha não foi definida.');
  return { status: 'success', result: { email: result.email } };
}
