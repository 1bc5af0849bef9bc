'use client';

import { useActionState } from 'react';
import { ErrorSummary } from '@/components/ui/error-summary';
import { SelectField, TextAreaField, TextField } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleState, type FormState } from '@/lib/actions/form-state';
import { correctContactDataAction, fileDataProtectionRequestAction } from './privacy-actions';

const CONTACT_LABELS = { name: 'Nome completo', phone: 'Celular com DDD', cpf: 'CPF' };

export function ContactDataForm({ name, phone, cpf }: { name: string; phone: string | null; cpf: string | null }) {
  const [state, formAction] = useActionState<FormState, FormData>(correctContactDataAction, idleState);
  const errors = state.status === 'error' ? state.fieldErrors : {};
  const values = state.status === 'error' ? state.values : { name, phone: phone ?? '', cpf: cpf ?? '' };
  return (
    <form action={formAction} noValidate className="space-y-6">
      {state.status === 'error' && <ErrorSummary message={state.message} errors={errors} fieldLabels={CONTACT_LABELS} />}
      <TextField name="name" label={CONTACT_LABELS.name} autoComplete="name" required maxLength={120} defaultValue={values.name} errors={errors.name} />
      <TextField name="phone" label={CONTACT_LABELS.phone} type="tel" inputMode="tel" autoComplete="tel-national" optional hint="Ex.: (14) 99123-4567." defaultValue={values.phone} errors={errors.phone} />
      <TextField name="cpf" label={CONTACT_LABELS.cpf} inputMode="numeric" autoComplete="off" optional hint="Ex.: 123.456.789-09." defaultValue={values.cpf} errors={errors.cpf} />
      <SubmitButton pendingLabel="Salvando…">Salvar meus dados</SubmitButton>
    </form>
  );
}

const REQUEST_LABELS = { scope: 'O que você pede', reason: 'Motivo' };

export function DataProtectionRequestForm({ scopes }: { scopes: { value: string; label: string }[] }) {
  const [state, formAction] = useActionState<FormState, FormData>(fileDataProtectionRequestAction, idleState);
  const errors = state.status === 'error' ? state.fieldErrors : {};
  const values = state.status === 'error' ? state.values : {};
  return (
    <form action={formAction} noValidate className="space-y-6">
      {state.status === 'error' && <ErrorSummary message={state.message} errors={errors} fieldLabels={REQUEST_LABELS} />}
      <SelectField name="scope" label={REQUEST_LABELS.scope} options={scopes} placeholder="Escolha…" required defaultValue={values.scope ?? ''} errors={errors.scope} />
      <TextAreaField name="reason" label={REQUEST_LABELS.reason} optional rows={3} maxLength={2000} defaultValue={values.reason} errors={errors.reason} hint="Se quiser, conte por que pede. Não é obrigatório." />
      <SubmitButton variant="secondary" pendingLabel="Enviando…">
        Enviar pedido ao encarregado
      </SubmitButton>
    </form>
  );
}
