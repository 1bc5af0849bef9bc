'use client';

import { useActionState } from 'react';
import { CopyButton } from '@/components/ui/copy-button';
import { ErrorSummary } from '@/components/ui/error-summary';
import { TextField } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleState, type FormState } from '@/lib/actions/form-state';
import { issueKeyAction, type IssuedKey } from './actions';

export function IssueKeyForm() {
  const [state, action] = useActionState<FormState<IssuedKey>, FormData>(issueKeyAction, idleState);
  const values = state.status === 'error' ? state.values : {};
  const errors = state.status === 'error' ? state.fieldErrors : {};
  return (
    <div className="space-y-4">
      {state.status === 'success' && (
        <div role="status" className="rounded border-l-4 border-green-700 bg-green-50 p-4">
          <p className="font-semibold">Chave emitida para {state.result.name}.</p>
          <p className="mt-1">Copie agora e entregue ao responsável pelo aplicativo: ela não será mostrada de novo (guardamos só uma impressão dela).</p>
          <p className="mt-2 break-all rounded border border-slate-300 bg-white p-2 font-mono" id="chave-emitida">
            {state.result.key}
          </p>
          <CopyButton value={state.result.key} label="Copiar a chave" />
        </div>
      )}
      {state.status === 'error' && <ErrorSummary message={state.message} errors={errors} />}
      <form action={action} noValidate className="space-y-4">
        <TextField name="name" label="Nome do aplicativo" hint="Como a prefeitura reconhece quem usa a chave. Ex.: Aplicativo Bairro Limpo." maxLength={120} errors={errors.name} defaultValue={values.name} />
        <TextField name="contactEmail" label="E-mail do responsável" optional type="email" autoComplete="off" maxLength={254} errors={errors.contactEmail} defaultValue={values.contactEmail} />
        <SubmitButton>Emitir chave</SubmitButton>
      </form>
    </div>
  );
}
