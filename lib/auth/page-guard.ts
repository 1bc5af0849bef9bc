import 'server-only';
import { pendingSignInStep } from '@/lib/auth/sign-in-steps';
import { forbidden, redirect } from 'next/navigation';
import { AuthorizationError } from './guards';

/**
 * Runs a `require…` guard for a page or a server action and turns its refusal into what the visitor
 * should see: signed out → the sign-in page (coming back here afterwards); signed in without permission
 * → the 403 page. Any other error is left alone.
 */
export async function guarded<T>(guard: () => Promise<T>, returnTo: string): Promise<T> {
  try {
    return await guard();
  } catch (error) {
    if (!(error instanceof AuthorizationError)) throw error;
    const nextStep = await pendingSignInStep(error, returnTo);
    if (nextStep) redirect(nextStep);
    if (error.status === 401) redirect(`/entrar?${new URLSearchParams({ callbackUrl: returnTo })}`);
    forbidden();
  }
}
