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
    await redirectUnlessForbidden(error, returnTo);
    forbidden();
  }
}

/**
 * The one answer every staff page gives a refused guard before its own "not allowed" (a 403, or a page
 * that says so): a sign-in waiting for its second factor continues at that step, a role whose second
 * factor is required but not set up goes to enrolment, a visitor not signed in goes to /entrar — each
 * coming back to `returnTo`. Returns only for a signed-in person without permission; rethrows anything
 * that is not an AuthorizationError.
 */
export async function redirectUnlessForbidden(error: unknown, returnTo: string): Promise<void> {
  if (!(error instanceof AuthorizationError)) throw error;
  const nextStep = await pendingSignInStep(error, returnTo);
  if (nextStep) redirect(nextStep);
  if (error.status === 401) redirect(`/entrar?${new URLSearchParams({ callbackUrl: returnTo })}`);
}
