'use client';

import { useActionState } from 'react';
import { ErrorSummary } from '@/components/ui/error-summary';
import { NewPasswordFields, TextField } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleState, type FormState } from '@/lib/actions/form-state';
import { signUp } from './actions';

const LABELS = {
  name: 'Nome completo',
  email: 'E-mail',
  phone: 'Celular',
  cpf: 'CPF',
  password: 'Senha',
  passwordConfirmation: 'Repita a senha',
};

export function SignUpForm({ callbackUrl }: { callbackUrl?: string }) {
  const [state, formAction] = useActionState<FormState, FormData>(signUp, idleState);
  const errors = state.status === 'error' ? state.fieldErrors : {};
  const values = state.status === 'error' ? state.values : {};
  return (
    <form action={formAction} noValidate className="space-y-6">
      {state.status === 'error' && <ErrorSummary message={state.message} errors={errors} fieldLabels={LABELS} />}
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      <TextField name="name" label={LABELS.name} autoComplete="name" required defaultValue={values.name} errors={errors.name} />
      <TextField
        name="email"
        label={LABELS.email}
        type="email"
        autoComplete="email"
        required
        defaultValue={values.email}
        errors={errors.email}
        hint="Enviaremos um link para confirmar que o e-mail é seu."
      />
      <TextField
        name="phone"
        label={LABELS.phone}
        type="tel"
        inputMode="tel"
        autoComplete="tel-national"
        required
        defaultValue={values.phone}
        errors={errors.phone}
        hint="Com DDD, como (14) 99123-4567."
      />
      <TextField
        name="cpf"
        label={LABELS.cpf}
        inputMode="numeric"
        optional
        defaultValue={values.cpf}
        errors={errors.cpf}
        hint="Ajuda o atendimento a encontrar seus pedidos feitos por telefone ou no balcão."
      />
      <NewPasswordFields labels={LABELS} errors={errors} />
      <SubmitButton pendingLabel="Criando a conta…">Criar conta</SubmitButton>
    </form>
  );
}
