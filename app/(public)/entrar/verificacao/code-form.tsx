'use client';

import { useActionState } from 'react';
import { ErrorSummary } from '@/components/ui/error-summary';
import { TextField } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleState, type FormState } from '@/lib/actions/form-state';
import { verifySecondFactorAction } from './actions';

export function SecondFactorCodeForm({ callbackUrl, recoveryOnly = false }: { callbackUrl?: string; recoveryOnly?: boolean }) {
  const [state, formAction] = useActionState<FormState, FormData>(verifySecondFactorAction, idleState);
  const errors = state.status === 'error' ? state.fieldErrors : {};
  return (
    <form action={formAction} noValidate className="space-y-6">
      {state.status === 'error' && <ErrorSummary message={state.message} errors={errors} />}
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      <TextField
        name="code"
        label="Código de verificação"
        hint={
          recoveryOnly
            ? 'Um dos seus códigos de recuperação (como abcde-fghjk), guardados quando você cadastrou a passkey.'
            : 'Os 6 números que o aplicativo autenticador mostra agora, ou um dos seus códigos de recuperação (como abcde-fghjk).'
        }
        autoComplete="one-time-code"
        autoCapitalize="none"
        spellCheck={false}
        required
        errors={errors.code}
      />
      <SubmitButton pendingLabel="Verificando…">Verificar e entrar</SubmitButton>
    </form>
  );
}
