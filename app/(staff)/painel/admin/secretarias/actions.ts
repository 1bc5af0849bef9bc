'use server';

import { redirect } from 'next/navigation';
import { createDepartment, setDepartmentActive, updateDepartment } from '@/lib/admin/departments';
import { errorState, formDataToObject, type FormState } from '@/lib/actions/form-state';
import { requireRole } from '@/lib/auth/guards';
import { guarded } from '@/lib/auth/page-guard';

const PAGE = '/painel/admin/secretarias';
const requireAdmin = () => guarded(() => requireRole('admin'), PAGE);

export async function createDepartmentAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireAdmin();
  const result = await createDepartment(actor, formDataToObject(formData));
  if (!result.ok) return errorState(formData, result.fieldErrors, result.message);
  redirect(`${PAGE}?ok=criada`);
}

export async function updateDepartmentAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireAdmin();
  const result = await updateDepartment(actor, String(formData.get('id') ?? ''), formDataToObject(formData));
  if (!result.ok) return errorState(formData, result.fieldErrors, result.message);
  redirect(`${PAGE}?ok=salva`);
}

export async function setDepartmentActiveAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireAdmin();
  const active = formData.get('active') === 'true';
  const result = await setDepartmentActive(actor, String(formData.get('id') ?? ''), active);
  if (!result.ok) return errorState(formData, result.fieldErrors, result.message);
  redirect(`${PAGE}?ok=${active ? 'ativada' : 'desativada'}`);
}
