'use client';

import { useActionState } from 'react';
import { ErrorSummary } from '@/components/ui/error-summary';
import { TextField } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleState, type FormState } from '@/lib/actions/form-state';
import { confirmEmailAction } from './actions';

export function ConfirmEmailForm({ token }: { token: string }) {
  const [state, formAction] = useActionState<FormState, FormData>(confirmEmailAction, idleState);
  const errors = state.status === 'error' ? state.fieldErrors : {};
  return (
    <form action={formAction} noValidate className="space-y-6">
      {state.status === 'error' && <ErrorSummary message={state.message} errors={errors} fieldLabels={{ password: 'Senha' }} />}
      <input type="hidden" name="token" value={token} />
      <TextField name="password" label="Senha que você criou no cadastro" type="password" autoComplete="current-password" required errors={errors.password} />
      <SubmitButton pendingLabel="Confirmando…">Confirmar e-mail e entrar</SubmitButton>
    </form>
  );
}
