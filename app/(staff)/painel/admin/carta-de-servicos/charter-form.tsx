'use client';

import { useActionState } from 'react';
import { CheckboxField, CheckboxGroupField, SelectField, TextAreaField, TextField } from '@/components/ui/field';
import { FormAlert } from '@/components/forms/form-alert';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleState, type FormState } from '@/lib/actions/form-state';
import { CHARTER_CHANNEL_LABELS, CHARTER_CHANNELS, CHARTER_FIELD_LABELS, LIFE_EVENTS } from '@/lib/domain/service-charter';
import { createCharterAction, updateCharterAction } from './actions';

/** The entry's current content as the form shows it (lists one item per line). */
export type CharterFormValues = {
  name: string;
  departmentId: string;
  deadlineText: string;
  summary: string;
  audience: string;
  requirements: string;
  documents: string;
  steps: string;
  channels: string[];
  priorityRules: string;
  expectedWait: string;
  fees: string;
  location: string;
  hours: string;
  lifeEvents: string[];
  published: boolean;
};

type Target = { kind: 'edit'; id: string } | { kind: 'service'; categoryId: string; serviceName: string; deadlineDays: number } | { kind: 'own' };

const LABELS: Record<string, string> = { ...CHARTER_FIELD_LABELS, note: 'Nota da alteração' };

export function CharterForm({
  target,
  values,
  ownService,
  departments,
}: {
  target: Target;
  values: CharterFormValues;
  /** Set for a service without online filing: it states its own name, secretaria and deadline. */
  ownService: boolean;
  departments: { value: string; label: string }[];
}) {
  const [state, formAction] = useActionState<FormState, FormData>(target.kind === 'edit' ? updateCharterAction : createCharterAction, idleState);
  const errors = state.status === 'error' ? state.fieldErrors : {};
  const posted = state.status === 'error' ? state.values : null;
  type TextKey = Exclude<keyof CharterFormValues, 'channels' | 'lifeEvents' | 'published'>;
  const text = (name: TextKey) => posted?.[name] ?? values[name];
  const group = (name: 'channels' | 'lifeEvents') => (posted ? (posted[name] ?? '').split(',').filter(Boolean) : values[name]);
  const lines = 'Um item por linha.';

  return (
    <form action={formAction} noValidate className="space-y-5">
      {state.status === 'error' && <FormAlert tone="error" title={state.message} fieldErrors={errors} fieldLabels={LABELS} />}
      {target.kind === 'edit' && <input type="hidden" name="id" value={target.id} />}
      {target.kind === 'service' && <input type="hidden" name="categoryId" value={target.categoryId} />}
      {ownService ? (
        <>
          <TextField name="name" label={LABELS.name ?? 'Nome'} required defaultValue={text('name')} errors={errors.name} />
          <SelectField
            name="departmentId"
            label="Secretaria responsável"
            options={departments}
            placeholder="Escolha…"
            required
            defaultValue={text('departmentId')}
            errors={errors.departmentId}
          />
          <TextField
            name="deadlineText"
            label="Prazo"
            required
            defaultValue={text('deadlineText')}
            errors={errors.deadlineText}
            hint="Ex.: no ato; até 5 dias úteis após a entrega dos documentos."
          />
        </>
      ) : (
        <p className="rounded bg-slate-100 p-3">
          Nome, secretaria e prazo vêm do cadastro do serviço do Balcão
          {target.kind === 'service' ? ` (prazo atual: ${target.deadlineDays} dias)` : ''}: altere-os em Serviços e assuntos.
        </p>
      )}
      <TextAreaField name="summary" label="O que é" required rows={3} defaultValue={text('summary')} errors={errors.summary} />
      <TextAreaField name="audience" label="Quem pode pedir" required rows={2} defaultValue={text('audience')} errors={errors.audience} />
      <TextAreaField name="requirements" label="Requisitos" optional rows={3} defaultValue={text('requirements')} errors={errors.requirements} hint={lines} />
      <TextAreaField name="documents" label="Documentos e informações necessários" optional rows={3} defaultValue={text('documents')} errors={errors.documents} hint={lines} />
      <TextAreaField name="steps" label="Etapas" required rows={4} defaultValue={text('steps')} errors={errors.steps} hint={`${lines} Na ordem em que acontecem.`} />
      <CheckboxGroupField
        name="channels"
        label="Formas de atendimento"
        options={CHARTER_CHANNELS.map((channel) => ({ value: channel, label: CHARTER_CHANNEL_LABELS[channel] }))}
        defaultValues={group('channels')}
        errors={errors.channels}
      />
      <TextAreaField
        name="priorityRules"
        label="Atendimento prioritário"
        required
        rows={3}
        defaultValue={text('priorityRules')}
        errors={errors.priorityRules}
        hint="Lei nº 10.048/2000 e Estatuto da Pessoa Idosa (Lei nº 10.741/2003)."
      />
      <TextField name="expectedWait" label="Tempo de espera previsto" required defaultValue={text('expectedWait')} errors={errors.expectedWait} />
      <TextField name="fees" label="Taxas" required defaultValue={text('fees')} errors={errors.fees} hint='Escreva "Gratuito." quando não houver.' />
      <TextField name="location" label="Onde (endereço)" required defaultValue={text('location')} errors={errors.location} />
      <TextField name="hours" label="Quando (dias e horário)" required defaultValue={text('hours')} errors={errors.hours} />
      <CheckboxGroupField
        name="lifeEvents"
        label="Eventos da vida"
        options={LIFE_EVENTS.map((event) => ({ value: event.slug, label: event.label }))}
        defaultValues={group('lifeEvents')}
        errors={errors.lifeEvents}
        hint="Onde o cidadão encontra este serviço ao navegar pela Carta."
      />
      <CheckboxField
        name="published"
        label="Publicada na Carta de Serviços"
        defaultChecked={posted ? posted.published === 'on' : values.published}
        errors={errors.published}
      />
      <TextField name="note" label="Nota da alteração" optional defaultValue={posted?.note ?? ''} errors={errors.note} hint="Aparece no histórico público, com a data." />
      <SubmitButton>{target.kind === 'edit' ? 'Salvar alterações' : 'Criar entrada na Carta'}</SubmitButton>
    </form>
  );
}
