import type { ReactNode } from 'react';
import type { FieldErrors } from '@/lib/domain/intake-schema';

/**
 * The message at the top of a form after it was sent: an error summary that links to each wrong field
 * (read first by screen readers, `role="alert"`), or a confirmation.
 */
export function FormAlert({
  tone,
  title,
  fieldErrors,
  fieldLabels = {},
  children,
}: {
  tone: 'error' | 'success' | 'info';
  title: ReactNode;
  fieldErrors?: FieldErrors;
  fieldLabels?: Record<string, string>;
  children?: ReactNode;
}) {
  const styles = {
    error: 'border-red-700 bg-red-50 text-red-900',
    success: 'border-green-700 bg-green-50 text-green-900',
    info: 'border-brand bg-sky-50 text-slate-900',
  }[tone];
  const wrongFields = Object.entries(fieldErrors ?? {}).filter(([field]) => field !== 'form');
  return (
    <div role={tone === 'error' ? 'alert' : 'status'} className={`mb-6 rounded border-l-4 p-4 ${styles}`}>
      <p className="font-semibold">{title}</p>
      {fieldErrors?.form?.length ? <p className="mt-1">{fieldErrors.form.join(' ')}</p> : null}
      {wrongFields.length > 0 && (
        <ul className="mt-2 list-disc pl-5">
          {wrongFields.map(([field, messages]) => (
            <li key={field}>
              <a href={`#${field}`} className="underline">
                {fieldLabels[field] ? `${fieldLabels[field]}: ` : ''}
                {messages?.join(' ')}
              </a>
            </li>
          ))}
        </ul>
      )}
      {children}
    </div>
  );
}
