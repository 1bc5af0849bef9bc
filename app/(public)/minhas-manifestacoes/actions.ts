'use server';

import { redirect } from 'next/navigation';
import { AuthError } from 'next-auth';
import { signIn } from '@/lib/auth/auth';
import { requireActor } from '@/lib/auth/guards';
import { guarded } from '@/lib/auth/page-guard';
import { claimDemands } from '@/lib/demands/claim';

const PAGE = '/minhas-manifestacoes';

export async function claimDemandsAction(formData: FormData): Promise<void> {
  const actor = await guarded(requireActor, PAGE);
  const result = await claimDemands(actor, formData.getAll('demandId'));
  if (!result.ok) redirect(`${PAGE}?${new URLSearchParams({ aviso: 'vinculo-recusado' })}`);
  redirect(`${PAGE}?${new URLSearchParams({ vinculadas: String(result.claimed) })}`);
}

/** Sends the signed-in citizen a sign-in link to their own e-mail; following it confirms the address. */
export async function sendConfirmationLinkAction(): Promise<void> {
  const actor = await guarded(requireActor, PAGE);
  try {
    await signIn('email', { email: actor.email, redirect: false, redirectTo: `${PAGE}?email=confirmado` });
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
  }
  redirect(`${PAGE}?link=enviado`);
}
