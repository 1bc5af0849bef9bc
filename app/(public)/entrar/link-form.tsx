'use client';

import { useActionState } from 'react';
import { ErrorSummary } from '@/components/ui/error-summary';
import { TextField } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleState, type FormState } from '@/lib/actions/form-state';
import { requestSignInLink } from './actions';

export function SignInLinkForm({ callbackUrl }: { callbackUrl?: string }) {
  const [state, formAction] = useActionState<FormState, FormData>(requestSignInLink, idleState);
  const errors = state.status === 'error' ? state.fieldErrors : {};
  const values = state.status === 'error' ? state.values : {};
  return (
    <form action={formAction} noValidate className="space-y-6">
      {state.status === 'error' && <ErrorSummary message={state.message} errors={errors} fieldLabels={{ email: 'E-mail' }} />}
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      <TextField
        id="link-email"
        name="email"
        label="E-mail da sua conta"
        type="email"
        autoComplete="email"
        required
        defaultValue={values.email}
        errors={errors.email}
        hint="Enviamos um link que vale por 30 minutos e uma única vez. Entrar por ele também confirma seu e-mail."
      />
      <SubmitButton variant="secondary" pendingLabel="Enviando…">
        Enviar link de acesso
      </SubmitButton>
    </form>
  );
}
