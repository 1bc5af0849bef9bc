'use server';

import { redirect } from 'next/navigation';
import { AuthError } from 'next-auth';
import { signIn } from '@/lib/auth/auth';
import { requireActor } from '@/lib/auth/guards';
import { guarded } from '@/lib/auth/page-guard';
import { claimDemands } from '@/lib/demands/claim';
import { errorState, type FormState } from '@/lib/actions/form-state';
import { findOwnDemand } from '@/lib/demands/citizen-demands';
import { fileAppeal, fileOmissionComplaint } from '@/lib/demands/information-requests';
import { fieldErrorsOf } from '@/lib/domain/intake-schema';
import { CitizenAppealFormSchema } from '@/lib/domain/workspace-schemas';

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

/** The signed-in requester's recurso or reclamação por omissão, from the demand's page in their account. */
export async function appealFromAccountAction(_state: FormState, formData: FormData): Promise<FormState> {
  const protocol = String(formData.get('protocol') ?? '');
  const actor = await guarded(requireActor, `${PAGE}/${encodeURIComponent(protocol)}`);
  const parsed = CitizenAppealFormSchema.safeParse({ kind: formData.get('kind'), reason: formData.get('reason') });
  if (!parsed.success) return errorState(formData, fieldErrorsOf(parsed.error));
  const demand = await findOwnDemand(actor, protocol);
  if (!demand) return errorState(formData, {}, 'Manifestação não encontrada.');
  const input = { demandId: demand.id, reason: parsed.data.reason, via: 'account' as const, citizenUserId: actor.userId };
  const result = parsed.data.kind === 'appeal' ? await fileAppeal(input) : await fileOmissionComplaint(input);
  if (!result.ok) return errorState(formData, {}, result.error);
  redirect(`${PAGE}/${encodeURIComponent(protocol)}?enviado=${parsed.data.kind === 'appeal' ? 'recurso' : 'reclamacao'}`);
}
