'use client';

import { useActionState } from 'react';
import { idleState, type FormState } from '@/lib/actions/form-state';
import { buttonClass, describedBy, FieldErrors, FormMessage, Hint, inputClass } from './form-parts';

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
  const [state, formAction, pending] = useActionState(action, idleState);
  const errors = state.status === 'error' ? state.fieldErrors.reason : undefined;
  return (
    <form action={formAction} className="space-y-6" noValidate>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {state.status === 'error' && <FormMessage status="error" message={state.message} />}
      <div>
        <label htmlFor="appeal-reason" className="font-semibold">
          Suas razões <span aria-hidden="true">*</span>
        </label>
        <textarea
          id="appeal-reason"
          name="reason"
          rows={5}
          required
          defaultValue={state.status === 'error' ? state.values.reason : undefined}
          aria-invalid={errors ? true : undefined}
          aria-describedby={describedBy('appeal-reason-hint', errors && 'appeal-reason-error')}
          className={inputClass}
        />
        <Hint id="appeal-reason-hint">Diga com suas palavras por que discorda ou o que ficou faltando. Não precisa citar leis.</Hint>
        <FieldErrors id="appeal-reason-error" errors={errors} />
      </div>
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? 'Enviando…' : submitLabel}
      </button>
    </form>
  );
}
