'use server';

import { redirect } from 'next/navigation';
import { errorState, typedValues, type FormState } from '@/lib/actions/form-state';
import { requireRole } from '@/lib/auth/guards';
import { issueOpen311Key, revokeOpen311Key } from '@/lib/open311/keys';

export type IssuedKey = { name: string; key: string };

/** Issues a key and returns it to this one render: it is never stored, so it cannot be shown again. */
export async function issueKeyAction(_previous: FormState<IssuedKey>, formData: FormData): Promise<FormState<IssuedKey>> {
  const actor = await requireRole('admin');
  const result = await issueOpen311Key(actor, typedValues(formData));
  if (!result.ok) return errorState(formData, result.fieldErrors, result.message);
  return { status: 'success', result: { name: result.value.name, key: result.value.key } };
}

export async function revokeKeyAction(formData: FormData): Promise<void> {
  const actor = await requireRole('admin');
  const result = await revokeOpen311Key(actor, { clientId: formData.get('clientId') });
  redirect(`/painel/admin/open311?resultado=${result.ok ? 'revogada' : 'nada'}`);
}
