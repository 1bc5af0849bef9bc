'use server';

import { redirect } from 'next/navigation';
import { signIn } from '@/lib/auth/auth';
import { govbrConfig, GOVBR_PROVIDER_ID } from '@/lib/auth/govbr/config';
import { safeCallbackPath } from '@/lib/auth/redirects';

// Public by design: this only sends the visitor to gov.br (with state, nonce and PKCE cookies); what
// comes back is checked by Auth.js and `admitGovbrSignIn`.
export async function signInWithGovbr(formData: FormData): Promise<void> {
  if (!govbrConfig()) redirect('/entrar');
  await signIn(GOVBR_PROVIDER_ID, { redirectTo: safeCallbackPath(formData.get('callbackUrl')) ?? '/minhas-manifestacoes' });
}
