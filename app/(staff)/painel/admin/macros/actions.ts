'use server';

import { redirect } from 'next/navigation';
import { createMacro, deleteMacro } from '@/lib/admin/macros';
import { errorState, formDataToObject, type FormState } from '@/lib/actions/form-state';
import { requireRole } from '@/lib/auth/guards';
import { guarded } from '@/lib/auth/page-guard';

const PAGE = '/painel/admin/macros';
const requireAdmin = () => guarded(() => requireRole('admin'), PAGE);

export async function createMacroAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireAdmin();
  const result = await createMacro(actor, formDataToObject(formData));
  if (!result.ok) return errorState(formData, result.fieldErrors, result.message);
  redirect(`${PAGE}?ok=criada`);
}

export async function deleteMacroAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireAdmin();
  const result = await deleteMacro(actor, String(formData.get('id') ?? ''));
  if (!result.ok) return errorState(formData, result.fieldErrors, result.message);
  redirect(`${PAGE}?ok=excluida`);
}
