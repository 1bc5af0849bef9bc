'use server';

import { redirect } from 'next/navigation';
import { createStaffUser, resetUserPassword, setUserActive, updateUserAccess } from '@/lib/admin/users';
import { errorState, formDataToObject, withoutPasswords, type FormState } from '@/lib/actions/form-state';
import { requireRole } from '@/lib/auth/guards';
import { guarded } from '@/lib/auth/page-guard';
import type { FieldErrors } from '@/lib/domain/intake-schema';

const PAGE = '/painel/admin/usuarios';
const requireAdmin = (returnTo = PAGE) => guarded(() => requireRole('admin'), returnTo);

/** Department checkboxes post one value each; the refused form comes back with all of them ticked. */
function refusedWithDepartments(formData: FormData, fieldErrors: FieldErrors, message?: string): FormState {
  const state = errorState(withoutPasswords(formData), fieldErrors, message);
  if (state.status === 'error') {
    state.values.departmentIds = formData.getAll('departmentIds').map(String).join(',');
    state.values.appealInstances = formData.getAll('appealInstances').map(String).join(',');
  }
  return state;
}

export async function createStaffUserAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireAdmin(`${PAGE}/novo`);
  const result = await createStaffUser(actor, { ...formDataToObject(formData), departmentIds: formData.getAll('departmentIds'), appealInstances: formData.getAll('appealInstances') });
  if (!result.ok) return refusedWithDepartments(formData, result.fieldErrors, result.message);
  redirect(`${PAGE}/${result.value.id}?ok=criado`);
}

export async function updateUserAccessAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const userId = String(formData.get('id') ?? '');
  const actor = await requireAdmin(`${PAGE}/${userId}`);
  const result = await updateUserAccess(actor, userId, {
    role: formData.get('role'),
    departmentIds: formData.getAll('departmentIds'),
    appealInstances: formData.getAll('appealInstances'),
    dataProtectionOfficer: formData.get('dataProtectionOfficer') === 'on' ? 'on' : 'off',
  });
  if (!result.ok) return refusedWithDepartments(formData, result.fieldErrors, result.message);
  redirect(`${PAGE}/${userId}?ok=perfil`);
}

export async function resetUserPasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const userId = String(formData.get('id') ?? '');
  const actor = await requireAdmin(`${PAGE}/${userId}`);
  const result = await resetUserPassword(actor, userId, formDataToObject(formData));
  if (!result.ok) return errorState(withoutPasswords(formData), result.fieldErrors, result.message);
  redirect(`${PAGE}/${userId}?ok=senha`);
}

export async function setUserActiveAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const userId = String(formData.get('id') ?? '');
  const actor = await requireAdmin(`${PAGE}/${userId}`);
  const active = formData.get('active') === 'true';
  const result = await setUserActive(actor, userId, active);
  if (!result.ok) return errorState(formData, result.fieldErrors, result.message);
  redirect(`${PAGE}/${userId}?ok=${active ? 'ativado' : 'desativado'}`);
}
