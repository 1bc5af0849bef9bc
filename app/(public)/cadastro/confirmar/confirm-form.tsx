'use client';

import { useActionState } from 'react';
import { FormAlert } from '@/components/forms/form-alert';
import { TextField } from '@/components/forms/fields';
import { SubmitButton } from '@/components/forms/submit-button';
import { idleState, type FormState } from '@/lib/actions/form-state';
import { confirmEmailAction } from './actions';

export function ConfirmEmailForm({ token }: { token: string }) {
  const [state, formAction] = useActionState<FormState, FormData>(confirmEmailAction, idleState);
  const errors = state.status === 'error' ? state.fieldErrors : {};
  return (
    <form action={formAction} noValidate className="space-y-4">
      {state.status === 'error' && <FormAlert tone="error" title={state.message} fieldErrors={errors} fieldLabels={{ password: 'Senha' }} />}
      <input type="hidden" name="token" value={token} />
      <TextField name="password" label="Senha que você criou no cadastro" type="password" autoComplete="current-password" required errors={errors.password} />
      <SubmitButton pendingLabel="Confirmando…">Confirmar e-mail e entrar</SubmitButton>
    </form>
  );
}
