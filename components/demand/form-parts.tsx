import type { ReactNode } from 'react';
import { buttonClass as pillButton, inputClass } from '@/components/ui/form-styles';

export { inputClass };

/**
 * Small form pieces for the status page's forms (rating, reply, reopening), which lay out their own radios;
 * they look like components/ui/field.tsx (same classes from components/ui/form-styles.ts).
 */

export function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const list = ids.filter(Boolean).join(' ');
  return list || undefined;
}

export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <ul id={id} className="mt-1 space-y-1 font-semibold text-red-700">
      {errors.map((error) => (
        <li key={error}>{error}</li>
      ))}
    </ul>
  );
}

export function Hint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="mt-1 text-sm text-slate-700">
      {children}
    </p>
  );
}

export function FormMessage({ status, message }: { status: 'error' | 'success'; message: string }) {
  return (
    <p
      role={status === 'error' ? 'alert' : 'status'}
      className={
        status === 'error'
          ? 'rounded-md border-4 border-red-700 bg-white p-4 font-bold text-red-800'
          : 'rounded-md border-l-8 border-green-700 bg-green-50 p-4 font-semibold text-green-900'
      }
    >
      {message}
    </p>
  );
}

export const buttonClass = pillButton('primary');
