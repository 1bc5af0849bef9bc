'use client';

import { useActionState } from 'react';
import { FormAlert } from '@/components/forms/form-alert';
import { NewPasswordFields } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleState, type FormState } from '@/lib/actions/form-state';
import { setPassword } from './actions';

const LABELS = { password: 'Nova senha', passwordConfirmation: 'Repita a nova senha' };

export function SetPasswordForm({ token }: { token: string }) {
  const [state, formAction] = useActionState<FormState, FormData>(setPassword, idleState);
  const errors = state.status === 'error' ? state.fieldErrors : {};
  return (
    <form action={formAction} noValidate className="space-y-6">
      {state.status === 'error' && <FormAlert tone="error" title={state.message} fieldErrors={errors} fieldLabels={LABELS} />}
      <input type="hidden" name="token" value={token} />
      <NewPasswordFields labels={LABELS} errors={errors} />
      <SubmitButton pendingLabel="Definindo a senha…">Definir senha</SubmitButton>
    </form>
  );
}
