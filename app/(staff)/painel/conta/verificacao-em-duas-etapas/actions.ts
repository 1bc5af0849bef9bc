'use server';

import { errorState, type FormState } from '@/lib/actions/form-state';
import { confirmEnrolment } from '@/lib/accounts/two-factor';
import { requireActorForEnrolment, STAFF_ROLES } from '@/lib/auth/guards';
import { guarded } from '@/lib/auth/page-guard';
import type { Role } from '@/lib/domain/vocabulary';
import { forbidden } from 'next/navigation';

/** The first code from the app confirms it; the answer carries the recovery codes, shown this once. */
export async function confirmEnrolmentAction(_previous: FormState<string[]>, formData: FormData): Promise<FormState<string[]>> {
  const actor = await guarded(requireActorForEnrolment, '/painel/conta/verificacao-em-duas-etapas');
  if (!(STAFF_ROLES as readonly Role[]).includes(actor.role)) forbidden();
  const result = await confirmEnrolment(actor, { code: formData.get('code') });
  if (!result.ok) return errorState(new FormData(), result.fieldErrors ?? { code: [result.message] }, result.message);
  return { status: 'success', result: result.recoveryCodes };
}
