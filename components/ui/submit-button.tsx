'use client';

import type { ReactNode } from 'react';
import { useFormStatus } from 'react-dom';

/**
 * The buttons of every form, in gov.br's shape (a pill, 600 weight): `primary` sends the form, `secondary`
 * is the other choice beside it, `danger` deletes or deactivates. Links dressed as buttons use the same classes.
 */
export const buttonClasses = {
  primary: 'bg-brand text-white hover:bg-brand-dark',
  secondary: 'border-2 border-brand bg-white text-brand hover:bg-brand hover:text-white',
  danger: 'bg-red-800 text-white hover:bg-red-900',
} as const;

export type ButtonVariant = keyof typeof buttonClasses;

export function buttonClass(variant: ButtonVariant = 'primary'): string {
  return `inline-flex min-h-11 items-center justify-center rounded-full px-6 py-2 text-base font-semibold ${buttonClasses[variant]} aria-disabled:cursor-wait aria-disabled:opacity-80`;
}

export const primaryButtonClass = buttonClass('primary');

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
