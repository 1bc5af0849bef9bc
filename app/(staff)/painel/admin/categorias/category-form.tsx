'use client';

import { useActionState } from 'react';
import { CheckboxField, SelectField, TextAreaField, TextField } from '@/components/ui/field';
import { FormAlert } from '@/components/forms/form-alert';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleState, type FormState } from '@/lib/actions/form-state';
import type { CategoryField } from '@/lib/domain/category-fields';
import type { Service } from '@/lib/domain/vocabulary';
import { createCategoryAction, updateCategoryAction } from './actions';

type CategoryValues = {
  id: string;
  service: Service;
  name: string;
  description: string;
  departmentId: string;
  deadlineDays: number;
  active: boolean;
  fields: CategoryField[];
};

const FIELD_TYPE_OPTIONS = [
  { value: 'text', label: 'Texto curto' },
  { value: 'textarea', label: 'Texto longo' },
  { value: 'select', label: 'Lista de escolha' },
];

const LABELS = { name: 'Nome', description: 'Descrição', departmentId: 'Secretaria responsável', deadlineDays: 'Prazo', active: 'Disponível' };

type Row = { name: string; label: string; type: string; required: boolean; options: string; hint: string };

function rowsFrom(fields: CategoryField[]): Row[] {
  return fields.map((field) => ({
    name: field.name,
    label: field.label,
    type: field.type,
    required: field.required,
    options: (field.options ?? []).join('\n'),
    hint: field.hint ?? '',
  }));
}

/** The rows as the admin last posted them, so that a refused form comes back exactly as it was sent. */
function rowsFromPost(values: Record<string, string>): Row[] {
  const indexes = [...new Set(Object.keys(values).map((key) => /^fields\.(\d+)\./.exec(key)?.[1]).filter((i) => i !== undefined))].map(Number);
  const last = Math.max(-1, ...indexes);
  return Array.from({ length: last + 1 }, (_, i) => ({
    name: values[`fields.${i}.name`] ?? '',
    label: values[`fields.${i}.label`] ?? '',
    type: values[`fields.${i}.type`] ?? 'text',
    required: values[`fields.${i}.required`] === 'on',
    options: values[`fields.${i}.options`] ?? '',
    hint: values[`fields.${i}.hint`] ?? '',
  }));
}

const blankRow: Row = { name: '', label: '', type: 'text', required: false, options: '', hint: '' };

export function CategoryForm({
  category,
  service,
  departments,
}: {
  category?: CategoryValues;
  service: Service;
  departments: { value: string; label: string }[];
}) {
  const [state, formAction] = useActionState<FormState, FormData>(category ? updateCategoryAction : createCategoryAction, idleState);
  const errors = state.status === 'error' ? state.fieldErrors : {};
  const posted = state.status === 'error' ? state.values : null;
  const text = (name: 'name' | 'description' | 'departmentId') => posted?.[name] ?? category?.[name] ?? '';
  const rows = posted ? rowsFromPost(posted) : [...rowsFrom(category?.fields ?? []), blankRow];
  if (posted && rows.every((row) => row.name || row.label)) rows.push(blankRow);
  const isBalcao = service === 'balcao';

  return (
    <form action={formAction} noValidate className="space-y-5">
      {state.status === 'error' && <FormAlert tone="error" title={state.message} fieldErrors={errors} fieldLabels={LABELS} />}
      {category ? <input type="hidden" name="id" value={category.id} /> : <input type="hidden" name="service" value={service} />}
      <TextField name="name" label={LABELS.name} required defaultValue={text('name')} errors={errors.name} />
      <TextAreaField name="description" label={LABELS.description} optional rows={2} defaultValue={text('description')} errors={errors.description} />
      <SelectField
        name="departmentId"
        label={LABELS.departmentId}
        options={departments}
        placeholder="Escolha…"
        required
        defaultValue={text('departmentId')}
        errors={errors.departmentId}
        hint={isBalcao ? 'Recebe os pedidos deste serviço.' : 'Sugerida à Ouvidoria ao encaminhar manifestações deste assunto.'}
      />
      {isBalcao ? (
        <TextField
          name="deadlineDays"
          label="Prazo de atendimento (dias corridos)"
          inputMode="numeric"
          required
          defaultValue={posted?.deadlineDays ?? String(category?.deadlineDays ?? '')}
          errors={errors.deadlineDays}
          className="max-w-xs"
        />
      ) : (
        <p className="text-slate-700">Prazo: 30 dias (20 para pedidos de informação), definidos pela lei.</p>
      )}
      <CheckboxField
        name="active"
        label={isBalcao ? 'Disponível no catálogo do Balcão' : 'Disponível no formulário da Ouvidoria'}
        defaultChecked={posted ? posted.active === 'on' : (category?.active ?? true)}
        errors={errors.active}
        hint="Desmarque para deixar de oferecer. Pedidos já registrados não mudam."
      />

      {isBalcao && (
        <fieldset className="space-y-4 rounded border border-slate-300 p-4">
          <legend className="px-1 text-lg font-semibold">Perguntas do formulário</legend>
          <p className="text-slate-700">
            Perguntas extras que o cidadão responde ao pedir este serviço. A linha em branco no fim acrescenta uma pergunta; para mais de
            uma, salve e volte.
          </p>
          {rows.map((row, index) => {
            const key = (name: string) => `fields.${index}.${name}`;
            const isNew = index === rows.length - 1 && !row.name && !row.label;
            return (
              <fieldset key={index} className="rounded border border-slate-200 p-3">
                <legend className="px-1 font-medium">{isNew ? 'Nova pergunta' : `Pergunta ${index + 1}`}</legend>
                <div className="grid gap-3 sm:grid-cols-2">
                  <TextField name={key('label')} label="Pergunta" defaultValue={row.label} errors={errors[key('label')]} />
                  <TextField
                   
                    name={key('name')}
                    label="Identificador"
                    defaultValue={row.name}
                    errors={errors[key('name')]}
                    hint="Ex.: ponto_de_referencia. Mudá-lo separa as respostas antigas."
                  />
                  <SelectField name={key('type')} label="Tipo de resposta" options={FIELD_TYPE_OPTIONS} defaultValue={row.type} errors={errors[key('type')]} />
                  <TextAreaField
                   
                    name={key('options')}
                    label="Opções (para lista de escolha)"
                    rows={Math.max(3, row.options.split('\n').length)}
                    defaultValue={row.options}
                    errors={errors[key('options')]}
                    hint="Uma por linha."
                  />
                  <TextField name={key('hint')} label="Dica" optional defaultValue={row.hint} errors={errors[key('hint')]} />
                  <div className="space-y-2 pt-7">
                    <CheckboxField name={key('required')} label="Resposta obrigatória" defaultChecked={row.required} />
                    {!isNew && <CheckboxField name={key('remove')} label="Remover esta pergunta" />}
                  </div>
                </div>
              </fieldset>
            );
          })}
        </fieldset>
      )}
      <SubmitButton>{category ? 'Salvar alterações' : isBalcao ? 'Criar serviço' : 'Criar assunto'}</SubmitButton>
    </form>
  );
}
