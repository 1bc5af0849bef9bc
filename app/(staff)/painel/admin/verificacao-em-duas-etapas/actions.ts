'use server';

import { redirect } from 'next/navigation';
import { resetSecondFactor, saveSecondFactorPolicy } from '@/lib/admin/account-security';
import { formDataToObject } from '@/lib/actions/form-state';
import { requireRole } from '@/lib/auth/guards';
import { guarded } from '@/lib/auth/page-guard';

const PAGE = '/painel/admin/verificacao-em-duas-etapas';

export async function saveSecondFactorPolicyAction(formData: FormData): Promise<void> {
  const actor = await guarded(() => requireRole('admin'), PAGE);
  const result = await saveSecondFactorPolicy(actor, formDataToObject(formData));
  redirect(`${PAGE}?ok=${result.ok ? 'politica' : 'erro'}`);
}

export async function resetSecondFactorAction(formData: FormData): Promise<void> {
  const actor = await guarded(() => requireRole('admin'), PAGE);
  const result = await resetSecondFactor(actor, { userId: formData.get('userId') });
  redirect(`${PAGE}?ok=${result.ok ? 'redefinida' : 'erro'}`);
}
