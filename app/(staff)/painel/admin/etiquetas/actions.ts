'use server';

import { redirect } from 'next/navigation';
import { createTag, deleteTag, renameTag } from '@/lib/admin/tags';
import { errorState, formDataToObject, type FormState } from '@/lib/actions/form-state';
import { requireRole } from '@/lib/auth/guards';
import { guarded } from '@/lib/auth/page-guard';

const PAGE = '/painel/admin/etiquetas';
const requireAdmin = () => guarded(() => requireRole('admin'), PAGE);

export async function createTagAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireAdmin();
  const result = await createTag(actor, formDataToObject(formData));
  if (!result.ok) return errorState(formData, result.fieldErrors, result.message);
  redirect(`${PAGE}?ok=criada`);
}

export async function renameTagAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireAdmin();
  const result = await renameTag(actor, String(formData.get('id') ?? ''), formDataToObject(formData));
  if (!result.ok) return errorState(formData, result.fieldErrors, result.message ?? 'O nome não foi alterado: confira o campo.');
  redirect(`${PAGE}?ok=renomeada`);
}

export async function deleteTagAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireAdmin();
  const result = await deleteTag(actor, String(formData.get('id') ?? ''));
  if (!result.ok) return errorState(formData, result.fieldErrors, result.message);
  redirect(`${PAGE}?ok=excluida`);
}
