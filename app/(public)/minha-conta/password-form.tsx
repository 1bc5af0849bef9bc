'use client';

import { useActionState } from 'react';
import { ErrorSummary } from '@/components/ui/error-summary';
import { NewPasswordFields, TextField } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleState, type FormState } from '@/lib/actions/form-state';
import { changePasswordAction } from './actions';

const LABELS = { currentPassword: 'Senha atual', password: 'Nova senha', passwordConfirmation: 'Repita a nova senha' };

export function ChangePasswordForm({ hasPassword }: { hasPassword: boolean }) {
  const [state, formAction] = useActionState<FormState, FormData>(changePasswordAction, idleState);
  const errors = state.status === 'error' ? state.fieldErrors : {};
  return (
    <form action={formAction} noValidate className="space-y-6">
      {state.status === 'error' && <ErrorSummary message={state.message} errors={errors} fieldLabels={LABELS} />}
      {hasPassword && <TextField name="currentPassword" label={LABELS.currentPassword} type="password" autoComplete="current-password" required errors={errors.currentPassword} />}
      <NewPasswordFields labels={LABELS} errors={errors} />
      <SubmitButton pendingLabel="Salvando…">{hasPassword ? 'Trocar a senha' : 'Criar a senha'}</SubmitButton>
    </form>
  );
}
