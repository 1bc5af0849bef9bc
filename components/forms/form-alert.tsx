import type { ReactNode } from 'react';
import { fieldId } from '@/components/ui/field-id';
import { summaryBox, summaryLine, summaryLink, summaryTitle } from '@/components/ui/form-styles';
import type { FieldErrors } from '@/lib/domain/intake-schema';

/**
 * A notice at the top of a page or form: a confirmation, or an error announced at once (`role="alert"`).
 * An error with field errors looks like the error summary (components/ui/error-summary.tsx) and links to
 * each wrong field; forms that render on the client use that summary, which also takes the focus.
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
  const wrongFields = Object.entries(fieldErrors ?? {}).filter(([field]) => field !== 'form');
  return (
    <div role={tone === 'error' ? 'alert' : 'status'} className={summaryBox[tone]}>
      <p className={tone === 'error' ? summaryTitle : 'font-semibold'}>{title}</p>
      {fieldErrors?.form?.length ? <p className="mt-2">{fieldErrors.form.join(' ')}</p> : null}
      {wrongFields.length > 0 && (
        <ul className="mt-2 list-disc space-y-1 pl-5">
          {wrongFields.map(([field, messages]) => (
            <li key={field}>
              <a href={`#${fieldId(field)}`} className={summaryLink}>
                {summaryLine(field, messages?.join(' ') ?? '', fieldLabels)}
              </a>
            </li>
          ))}
        </ul>
      )}
      {children}
    </div>
  );
}
