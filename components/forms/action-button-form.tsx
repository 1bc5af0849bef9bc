'use client';

import { useActionState } from 'react';
import type { FormState } from '@/lib/actions/form-state';
import { SubmitButton } from '@/components/ui/submit-button';

/**
 * A one-button form (activate, deactivate, delete…) whose refusal is shown right next to the button.
 * Works without JavaScript: the page is rendered again with the message.
 */
export function ActionButtonForm({
  action,
  fields,
  label,
  accessibleSuffix,
  variant = 'secondary',
}: {
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
  fields: Record<string, string>;
  label: string;
  /** Read by screen readers after the label, e.g. the row's name: "Desativar Secretaria de Saúde". */
  accessibleSuffix?: string;
  variant?: 'primary' | 'secondary' | 'danger';
}) {
  const [state, formAction] = useActionState<FormState, FormData>(action, { status: 'idle' });
  return (
    <form action={formAction}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <SubmitButton variant={variant}>
        {label}
        {accessibleSuffix && <span className="sr-only"> {accessibleSuffix}</span>}
      </SubmitButton>
      {state.status === 'error' && (
        <p role="alert" className="mt-2 max-w-sm text-sm font-medium text-red-800">
          {state.message}
        </p>
      )}
    </form>
  );
}
