'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { FormAlert } from '@/components/forms/form-alert';
import { TextField } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleState, type FormState } from '@/lib/actions/form-state';
import { confirmEnrolmentAction } from './actions';

export function ConfirmEnrolmentForm({ continueTo }: { continueTo: string }) {
  const [state, formAction] = useActionState<FormState<string[]>, FormData>(confirmEnrolmentAction, idleState);
  if (state.status === 'success') {
    return (
      <section aria-labelledby="codigos" className="rounded border-2 border-green-800 p-4">
        <h2 id="codigos" className="text-xl font-semibold">
          Verificação em duas etapas ativada
        </h2>
        <p className="mt-2">
          Guarde agora estes <strong>códigos de recuperação</strong> (imprima ou anote em lugar seguro). Cada um substitui o código do
          aplicativo uma vez, se você perder o celular. <strong>Eles não serão mostrados de novo.</strong>
        </p>
        <ol className="mt-4 grid grid-cols-2 gap-2 font-mono text-lg" aria-label="Códigos de recuperação">
          {state.result.map((code) => (
            <li key={code}>{code}</li>
          ))}
        </ol>
        <Link href={continueTo} className="mt-6 inline-block rounded bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark">
          Guardei os códigos, continuar
        </Link>
      </section>
    );
  }
  const errors = state.status === 'error' ? state.fieldErrors : {};
  return (
    <form action={formAction} noValidate className="space-y-4">
      {state.status === 'error' && <FormAlert tone="error" title={state.message} />}
      <TextField
        name="code"
        label="Código de 6 dígitos do aplicativo"
        hint="Digite o código que o aplicativo mostra agora para confirmar que ele foi configurado."
        inputMode="numeric"
        autoComplete="one-time-code"
        required
        errors={errors.code}
      />
      <SubmitButton pendingLabel="Confirmando…">Confirmar e ativar</SubmitButton>
    </form>
  );
}
