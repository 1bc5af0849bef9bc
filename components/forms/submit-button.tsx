'use client';

import type { ReactNode } from 'react';
import { useFormStatus } from 'react-dom';

/** Says it is working while the form is being sent (with JavaScript); a plain submit button without. */
export function SubmitButton({ children, pendingLabel, variant = 'primary' }: { children: ReactNode; pendingLabel?: string; variant?: 'primary' | 'secondary' | 'danger' }) {
  const { pending } = useFormStatus();
  const styles = {
    primary: 'bg-brand text-white hover:bg-brand-dark',
    secondary: 'border border-brand bg-white text-brand hover:bg-slate-100',
    danger: 'bg-red-800 text-white hover:bg-red-900',
  }[variant];
  return (
    <button
      type="submit"
      aria-disabled={pending}
      onClick={(event) => {
        if (pending) event.preventDefault();
      }}
      className={`rounded px-4 py-2 font-semibold ${styles} aria-disabled:opacity-70`}>
      {pending ? (pendingLabel ?? 'Enviando…') : children}
    </button>
  );
}
