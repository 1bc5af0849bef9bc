'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { ErrorSummary } from '@/components/ui/error-summary';
import { TextField } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleState, type FormState } from '@/lib/actions/form-state';
import { signInWithPassword } from './actions';

export function PasswordSignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const [state, formAction] = useActionState<FormState, FormData>(signInWithPassword, idleState);
  const errors = state.status === 'error' ? state.fieldErrors : {};
  const values = state.status === 'error' ? state.values : {};
  return (
    <form action={formAction} noValidate className="space-y-6">
      {state.status === 'error' && <ErrorSummary message={state.message} errors={errors} fieldLabels={{ email: 'E-mail', password: 'Senha' }} />}
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      <TextField name="email" label="E-mail" type="email" autoComplete="username" required defaultValue={values.email} errors={errors.email} />
      <TextField name="password" label="Senha" type="password" autoComplete="current-password" required errors={errors.password} />
      <div className="flex flex-wrap items-center gap-4">
        <SubmitButton pendingLabel="Entrando…">Entrar</SubmitButton>
        <Link href="#link-por-email" className="text-brand underline">
          Esqueceu a senha? Receba um link
        </Link>
      </div>
    </form>
  );
}
