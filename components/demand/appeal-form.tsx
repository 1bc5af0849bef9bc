'use client';

import { useActionState } from 'react';
import { idleState, type FormState } from '@/lib/actions/form-state';
import { TextAreaField } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import { FormMessage } from './form-parts';

/**
 * The requester's recurso or reclamação por omissão, on the status page and on the account page. Posts
 * the hidden fields that prove who is asking (the link's token, or the protocol on the account page); a
 * plain form post without JavaScript.
 */
export function AppealForm({
  action,
  hidden,
  submitLabel,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  hidden: Record<string, string>;
  submitLabel: string;
}) {
  const [state, formAction] = useActionState(action, idleState);
  const errors = state.status === 'error' ? state.fieldErrors.reason : undefined;
  return (
    <form action={formAction} className="space-y-6" noValidate>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {state.status === 'error' && <FormMessage status="error" message={state.message} />}
      <TextAreaField
        name="reason"
        label="Suas razões"
        rows={5}
        required
        defaultValue={state.status === 'error' ? state.values.reason : undefined}
        errors={errors}
        hint="Diga com suas palavras por que discorda ou o que ficou faltando. Não precisa citar leis."
      />
      <SubmitButton>{submitLabel}</SubmitButton>
    </form>
  );
}
