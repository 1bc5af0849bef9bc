'use client';

import { useActionState } from 'react';
import { SelectField, TextField } from '@/components/ui/field';
import { FormAlert } from '@/components/forms/form-alert';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleState, type FormState } from '@/lib/actions/form-state';
import { createTagAction } from './actions';

const LABELS = { name: 'Nome', departmentId: 'Secretaria' };

export function TagForm({ departments }: { departments: { value: string; label: string }[] }) {
  const [state, formAction] = useActionState<FormState, FormData>(createTagAction, idleState);
  const errors = state.status === 'error' ? state.fieldErrors : {};
  const posted = state.status === 'error' ? state.values : null;
  return (
    <form action={formAction} noValidate className="space-y-4">
      {state.status === 'error' && <FormAlert tone="error" title={state.message} fieldErrors={errors} fieldLabels={LABELS} />}
      <TextField name="name" label={LABELS.name} required defaultValue={posted?.name ?? ''} errors={errors.name} hint="Curto, como “Iluminação” ou “Reincidente”." />
      <SelectField
        name="departmentId"
        label={LABELS.departmentId}
        options={departments}
        placeholder="Todas (etiqueta geral)"
        defaultValue={posted?.departmentId ?? ''}
        errors={errors.departmentId}
        hint="Uma etiqueta geral serve a todas as equipes; a de uma secretaria, só às manifestações que ela trabalha."
      />
      <SubmitButton>Criar etiqueta</SubmitButton>
    </form>
  );
}
