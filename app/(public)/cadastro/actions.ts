'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { signUpCitizen } from '@/lib/accounts/sign-up';
import { errorState, formDataToObject, withoutPasswords, type FormState } from '@/lib/actions/form-state';
import { clientAddress } from '@/lib/http/client-address';

// Public by design: anyone may create a citizen account (throttled per address in `signUpCitizen`).
export async function signUp(_previous: FormState, formData: FormData): Promise<FormState> {
  const input = formDataToObject(formData);
  const result = await signUpCitizen(input, { clientAddress: clientAddress(await headers()) });
  if (!result.ok) return errorState(withoutPasswords(formData), result.fieldErrors);
  // Not signed in yet: the password works once the e-mailed link confirms the address.
  redirect('/cadastro/confirme-seu-email');
}
