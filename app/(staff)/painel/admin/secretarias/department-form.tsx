'use client';

import { useActionState } from 'react';
import { CheckboxField, TextField } from '@/components/ui/field';
import { FormAlert } from '@/components/forms/form-alert';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleState, type FormState } from '@/lib/actions/form-state';
import { createDepartmentAction, updateDepartmentAction } from './actions';

type DepartmentValues = { id: string; name: string; acronym: string | null; email: string | null; isInternalControl: boolean };

const LABELS = { name: 'Nome', acronym: 'Sigla', email: 'E-mail da secretaria', isInternalControl: 'Controle Interno' };

/** Creates a department, or edits one when `department` is given. */
export function DepartmentForm({ department }: { department?: DepartmentValues }) {
  const [state, formAction] = useActionState<FormState, FormData>(department ? updateDepartmentAction : createDepartmentAction, idleState);
  const errors = state.status === 'error' ? state.fieldErrors : {};
  const posted = state.status === 'error' ? state.values : null;
  const value = (name: 'name' | 'acronym' | 'email') => posted?.[name] ?? department?.[name] ?? '';
  const internalControl = posted ? posted.isInternalControl === 'on' : (department?.isInternalControl ?? false);
  return (
    <form action={formAction} noValidate className="space-y-4">
      {state.status === 'error' && <FormAlert tone="error" title={state.message} fieldErrors={errors} fieldLabels={LABELS} />}
      {department && <input type="hidden" name="id" value={department.id} />}
      <TextField name="name" label={LABELS.name} required defaultValue={value('name')} errors={errors.name} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="acronym" label={LABELS.acronym} optional defaultValue={value('acronym')} errors={errors.acronym} />
        <TextField name="email" label={LABELS.email} type="email" optional defaultValue={value('email')} errors={errors.email} hint="Recebe os avisos de novas demandas e prazos." />
      </div>
      <CheckboxField
        name="isInternalControl"
        label="Esta é a Controladoria / Controle Interno"
        defaultChecked={internalControl}
        errors={errors.isInternalControl}
        hint="Recebe as denúncias contra servidores, visíveis só ali e à Ouvidoria. Só uma secretaria pode ter esta marca."
      />
      <SubmitButton>{department ? 'Salvar alterações' : 'Criar secretaria'}</SubmitButton>
    </form>
  );
}
