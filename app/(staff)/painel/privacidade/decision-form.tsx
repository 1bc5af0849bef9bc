'use client';

import { useActionState } from 'react';
import { FormAlert } from '@/components/forms/form-alert';
import { SelectField, TextAreaField } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleState, type FormState } from '@/lib/actions/form-state';
import { decideDataProtectionRequestAction } from './actions';

const LABELS = { decision: 'Decisão', reason: 'Fundamentação (vai para o cidadão e fica registrada em cada pedido anonimizado)', requestId: 'Pedido' };

export function DecisionForm({ requestId }: { requestId: string }) {
  const [state, formAction] = useActionState<FormState, FormData>(decideDataProtectionRequestAction, idleState);
  const errors = state.status === 'error' ? state.fieldErrors : {};
  const values = state.status === 'error' ? state.values : {};
  const id = (name: string) => `${name}-${requestId}`;
  return (
    <form action={formAction} noValidate className="mt-3 space-y-3">
      {state.status === 'error' && <FormAlert tone="error" title={state.message} fieldErrors={errors} fieldLabels={LABELS} />}
      <input type="hidden" name="requestId" value={requestId} />
      <SelectField
        id={id('decision')}
        name="decision"
        label={LABELS.decision}
        required
        placeholder="Escolha…"
        options={[
          { value: 'granted', label: 'Atender: anonimizar os pedidos concluídos' },
          { value: 'denied', label: 'Negar' },
        ]}
        defaultValue={values.decision ?? ''}
        errors={errors.decision}
      />
      <TextAreaField id={id('reason')} name="reason" label={LABELS.reason} required rows={3} maxLength={4000} defaultValue={values.reason} errors={errors.reason} />
      <SubmitButton>Registrar decisão</SubmitButton>
    </form>
  );
}
