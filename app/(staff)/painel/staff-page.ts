import 'server-only';
import { pendingSignInStep } from '@/lib/auth/sign-in-steps';
import { forbidden, redirect } from 'next/navigation';
import { AuthorizationError, requireStaff, type Actor } from '@/lib/auth/guards';

/**
 * The staff guard for the workspace's pages: signed out → the sign-in page, coming back to `returnTo`;
 * signed in without a staff role → 403. Each page calls it itself (the layout is not the check).
 */
export async function requireStaffPage(returnTo = '/painel'): Promise<Actor> {
  try {
    return await requireStaff();
  } catch (error) {
    if (!(error instanceof AuthorizationError)) throw error;
    const nextStep = await pendingSignInStep(error, returnTo);
    if (nextStep) redirect(nextStep);
    if (error.status === 401) redirect(`/entrar?${new URLSearchParams({ callbackUrl: returnTo })}`);
    forbidden();
  }
}
