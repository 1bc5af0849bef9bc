import 'server-only';
import { auth } from './auth';
import { hasSecondFactor } from '@/lib/accounts/two-factor';
import { SecondFactorEnrolmentRequired } from './guards';

/** Where the person continues signing in, once they are past the password. */
export const SECOND_FACTOR_PATH = '/entrar/verificacao';
export const ENROLMENT_PATH = '/painel/conta/verificacao-em-duas-etapas';

/**
 * Instead of the sign-in page: the code step when the password was right and a code is due, or enrolment
 * when the role requires a second factor the person has not set up. Null: the person really is signed out.
 */
export async function pendingSignInStep(error: unknown, returnTo: string): Promise<string | null> {
  const query = `?${new URLSearchParams({ callbackUrl: returnTo })}`;
  if (error instanceof SecondFactorEnrolmentRequired) return `${ENROLMENT_PATH}${query}`;
  const session = await auth();
  if (session?.secondFactorPending) return `${SECOND_FACTOR_PATH}${query}`;
  return null;
}

/** After a right password: the code step when the account has a second factor, else where it was going. */
export async function afterPasswordPath(userId: string, destination: string): Promise<string> {
  return (await hasSecondFactor(userId)) ? `${SECOND_FACTOR_PATH}?${new URLSearchParams({ callbackUrl: destination })}` : destination;
}
