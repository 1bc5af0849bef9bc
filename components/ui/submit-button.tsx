'use client';

import type { ReactNode } from 'react';
import { useFormStatus } from 'react-dom';

export const primaryButtonClass =
  'inline-flex items-center justify-center rounded bg-brand px-6 py-3 text-base font-semibold text-white hover:bg-brand-dark disabled:cursor-wait disabled:opacity-80';

/** Says "Enviando…" and refuses a second click while its form's action runs. */
export function SubmitButton({ children, pendingLabel = 'Enviando…', className }: { children: ReactNode; pendingLabel?: string; className?: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} aria-live="polite" className={`${primaryButtonClass} ${className ?? ''}`}>
      {pending ? pendingLabel : children}
    </button>
  );
}
