'use client';

import type { ReactNode } from 'react';
import { useFormStatus } from 'react-dom';
import { buttonClass, buttonClasses, type ButtonVariant } from './form-styles';

export { buttonClass, buttonClasses, type ButtonVariant };

/**
 * Says it is working ("Enviando…") and refuses a second click while its form's action runs, keeping the
 * focus where it is (`aria-disabled`, not `disabled`); a plain submit button without JavaScript.
 */
export function SubmitButton({
  children,
  pendingLabel = 'Enviando…',
  variant = 'primary',
  className,
  name,
  value,
}: {
  children: ReactNode;
  pendingLabel?: string;
  variant?: ButtonVariant;
  className?: string;
  /** For a form with several submit buttons (`intent`). */
  name?: string;
  value?: string;
}) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      name={name}
      value={value}
      aria-disabled={pending || undefined}
      onClick={(event) => {
        if (pending) event.preventDefault();
      }}
      className={`${buttonClass(variant)} ${className ?? ''}`}
    >
      {pending ? pendingLabel : children}
    </button>
  );
}
