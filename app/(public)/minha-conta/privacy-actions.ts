'use server';

import { redirect } from 'next/navigation';
import { correctContactData } from '@/lib/accounts/contact-data';
import { errorState, formDataToObject, type FormState } from '@/lib/actions/form-state';
import { requireActor } from '@/lib/auth/guards';
import { guarded } from '@/lib/auth/page-guard';
import { fileDataProtectionRequest } from '@/lib/privacy/requests';

const PAGE = '/minha-conta';

// Each action checks the session itself: a server action is a public POST endpoint.

export async function correctContactDataAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await guarded(requireActor, PAGE);
  const result = await correctContactData(actor, formDataToObject(formData));
  if (!result.ok) return errorState(formData, result.fieldErrors);
  redirect(`${PAGE}?feito=dados#meus-dados`);
}

export async function fileDataProtectionRequestAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await guarded(requireActor, PAGE);
  const result = await fileDataProtectionRequest(actor, formDataToObject(formData));
  if (!result.ok) return errorState(formData, result.fieldErrors);
  redirect(`${PAGE}?feito=pedido#anonimizacao`);
}
