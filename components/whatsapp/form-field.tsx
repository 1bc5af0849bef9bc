import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from 'react';

type FieldProps = { id: string; label: string; hint?: string; error?: string };

function describedBy({ id, hint, error }: FieldProps): string | undefined {
  return [hint ? `${id}-dica` : null, error ? `${id}-erro` : null].filter(Boolean).join(' ') || undefined;
}

function inputClass(error?: string) {
  return `mt-1 block w-full rounded border px-3 py-2 text-slate-900 ${error ? 'border-red-700' : 'border-slate-500'}`;
}

/** Label, hint and error around a control, tied to it with aria-describedby. */
function Field({ id, label, hint, error, children }: FieldProps & { children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="block font-medium text-slate-900">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-dica`} className="text-sm text-slate-700">
          {hint}
        </p>
      ) : null}
      {children}
      {error ? (
        <p id={`${id}-erro`} className="mt-1 text-sm font-medium text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function TextInput({ id, label, hint, error, ...rest }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <input id={id} name={id} aria-describedby={describedBy({ id, label, hint, error })} aria-invalid={error ? true : undefined} className={inputClass(error)} {...rest} />
    </Field>
  );
}

export function TextArea({ id, label, hint, error, ...rest }: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <textarea id={id} name={id} aria-describedby={describedBy({ id, label, hint, error })} aria-invalid={error ? true : undefined} className={inputClass(error)} {...rest} />
    </Field>
  );
}
