import type { ReactNode } from 'react';

/** Small form pieces with the accessibility wiring done once: ids for hints and errors, aria-invalid. */

export function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const list = ids.filter(Boolean).join(' ');
  return list || undefined;
}

export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <ul id={id} className="mt-1 space-y-1 text-sm font-medium text-red-800">
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
          ? 'rounded border border-red-700 bg-red-50 px-3 py-2 font-medium text-red-900'
          : 'rounded border border-green-700 bg-green-50 px-3 py-2 font-medium text-green-900'
      }
    >
      {message}
    </p>
  );
}

export const inputClass =
  'mt-1 block w-full rounded border border-slate-500 bg-white px-3 py-2 text-slate-900 aria-[invalid=true]:border-red-700 aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-red-700';

export const buttonClass =
  'rounded bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark disabled:cursor-wait disabled:opacity-70';
