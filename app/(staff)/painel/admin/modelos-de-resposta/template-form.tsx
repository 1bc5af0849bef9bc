'use client';

import { useActionState } from 'react';
import { SelectField, TextAreaField, TextField } from '@/components/ui/field';
import { FormAlert } from '@/components/forms/form-alert';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleState, type FormState } from '@/lib/actions/form-state';
import { createAnswerTemplateAction, updateAnswerTemplateAction } from './actions';

type TemplateValues = { id: string; categoryId: string | null; title: string; body: string };

const LABELS = { categoryId: 'Serviço ou assunto', title: 'Título', body: 'Texto' };

export function AnswerTemplateForm({ template, categories }: { template?: TemplateValues; categories: { value: string; label: string }[] }) {
  const [state, formAction] = useActionState<FormState, FormData>(template ? updateAnswerTemplateAction : createAnswerTemplateAction, idleState);
  const errors = state.status === 'error' ? state.fieldErrors : {};
  const posted = state.status === 'error' ? state.values : null;
  return (
    <form action={formAction} noValidate className="space-y-4">
      {state.status === 'error' && <FormAlert tone="error" title={state.message} fieldErrors={errors} fieldLabels={LABELS} />}
      {template && <input type="hidden" name="id" value={template.id} />}
      <SelectField
        name="categoryId"
        label={LABELS.categoryId}
        options={categories}
        placeholder="Todos (modelo geral)"
        defaultValue={posted?.categoryId ?? template?.categoryId ?? ''}
        errors={errors.categoryId}
        hint="Um modelo geral aparece em qualquer resposta; um modelo de serviço, só nas demandas dele."
      />
      <TextField name="title" label={LABELS.title} required defaultValue={posted?.title ?? template?.title ?? ''} errors={errors.title} />
      <TextAreaField name="body" label={LABELS.body} required rows={8} defaultValue={posted?.body ?? template?.body ?? ''} errors={errors.body} />
      <SubmitButton>{template ? 'Salvar modelo' : 'Criar modelo'}</SubmitButton>
    </form>
  );
}
