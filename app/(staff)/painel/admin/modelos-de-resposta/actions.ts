'use server';

import { redirect } from 'next/navigation';
import { createAnswerTemplate, deleteAnswerTemplate, updateAnswerTemplate } from '@/lib/admin/answer-templates';
import { errorState, formDataToObject, type FormState } from '@/lib/actions/form-state';
import { requireRole } from '@/lib/auth/guards';
import { guarded } from '@/lib/auth/page-guard';

const PAGE = '/painel/admin/modelos-de-resposta';
const requireAdmin = () => guarded(() => requireRole('admin'), PAGE);

export async function createAnswerTemplateAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireAdmin();
  const result = await createAnswerTemplate(actor, formDataToObject(formData));
  if (!result.ok) return errorState(formData, result.fieldErrors, result.message);
  redirect(`${PAGE}?ok=criado`);
}

export async function updateAnswerTemplateAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireAdmin();
  const result = await updateAnswerTemplate(actor, String(formData.get('id') ?? ''), formDataToObject(formData));
  if (!result.ok) return errorState(formData, result.fieldErrors, result.message);
  redirect(`${PAGE}?ok=salvo`);
}

export async function deleteAnswerTemplateAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireAdmin();
  const result = await deleteAnswerTemplate(actor, String(formData.get('id') ?? ''));
  if (!result.ok) return errorState(formData, result.fieldErrors, result.message);
  redirect(`${PAGE}?ok=excluido`);
}
