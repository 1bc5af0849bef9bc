'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { formError, formInput, staffOrError } from '@/lib/actions/workspace-action';
import type { WorkspaceFormState } from '@/lib/actions/workspace-form-state';
import { decideAppeal } from '@/lib/demands/information-requests';
import { fieldErrorsOf } from '@/lib/domain/intake-schema';
import { DecideAppealSchema } from '@/lib/domain/workspace-schemas';

/** The appeal authority's decision, from its queue: staff guard, zod, then the use case (which checks the instance). */
export async function decideAppealAction(_state: WorkspaceFormState, formData: FormData): Promise<WorkspaceFormState> {
  const guard = await staffOrError(formData);
  if ('state' in guard) return guard.state;
  const parsed = DecideAppealSchema.safeParse(formInput(formData));
  if (!parsed.success) return formError(formData, 'Confira os campos destacados.', fieldErrorsOf(parsed.error));
  const result = await decideAppeal(guard.actor, parsed.data);
  if (!result.ok) return formError(formData, result.error, result.fieldErrors);
  revalidatePath('/painel', 'layout');
  redirect('/painel/recursos?feito=decidido');
}
