'use client';

import { useActionState } from 'react';
import { SelectField, TextField } from '@/components/ui/field';
import { FormAlert } from '@/components/forms/form-alert';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleState, type FormState } from '@/lib/actions/form-state';
import { MACRO_ACTION_LABELS, MACRO_ACTIONS } from '@/lib/domain/macros';
import { createMacroAction } from './actions';

type Choice = { value: string; label: string };

const LABELS = { name: 'Nome', answerTemplateId: 'Modelo de resposta', action: 'Enviar o modelo como', tagId: 'Etiqueta' };

export function MacroForm({ templates, tags }: { templates: Choice[]; tags: Choice[] }) {
  const [state, formAction] = useActionState<FormState, FormData>(createMacroAction, idleState);
  const errors = state.status === 'error' ? state.fieldErrors : {};
  const posted = state.status === 'error' ? state.values : null;
  return (
    <form action={formAction} noValidate className="space-y-4">
      {state.status === 'error' && <FormAlert tone="error" title={state.message} fieldErrors={errors} fieldLabels={LABELS} />}
      <TextField name="name" label={LABELS.name} required defaultValue={posted?.name ?? ''} errors={errors.name} hint="O texto do botão na manifestação." />
      <SelectField
        name="answerTemplateId"
        label={LABELS.answerTemplateId}
        options={templates}
        placeholder="Escolha o modelo"
        defaultValue={posted?.answerTemplateId ?? ''}
        errors={errors.answerTemplateId}
      />
      <SelectField
        name="action"
        label={LABELS.action}
        options={MACRO_ACTIONS.map((action) => ({ value: action, label: MACRO_ACTION_LABELS[action] }))}
        placeholder="Escolha"
        defaultValue={posted?.action ?? ''}
        errors={errors.action}
        hint="A situação muda como na ação de mesmo nome, e só onde ela é permitida."
      />
      <SelectField name="tagId" label={LABELS.tagId} options={tags} placeholder="Nenhuma" defaultValue={posted?.tagId ?? ''} errors={errors.tagId} />
      <SubmitButton>Criar macro</SubmitButton>
    </form>
  );
}
