'use client';

import { useEffect, useRef, type MouseEvent } from 'react';
import { fieldId } from './field-id';
import { summaryBox, summaryLine, summaryLink, summaryTitle } from './form-styles';

export type SummaryError = { field: string; message: string };

/**
 * The list of problems at the top of a form. It takes focus when it appears (and again after each failed
 * submission), so a screen reader reads it at once; each item links to its field.
 */
export function ErrorSummary({ message, errors, fieldLabels }: { message: string; errors: Partial<Record<string, string[]>>; fieldLabels?: Record<string, string> }) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    ref.current?.focus();
    ref.current?.scrollIntoView({ block: 'start' });
  }, [errors, message]);

  const items: SummaryError[] = Object.entries(errors).flatMap(([field, messages]) =>
    field === 'form' ? [] : (messages ?? []).map((text) => ({ field, message: summaryLine(field, text, fieldLabels) })),
  );
  const formMessages = errors.form ?? [];

  function focusField(event: MouseEvent<HTMLAnchorElement>, field: string) {
    const target = document.getElementById(fieldId(field));
    if (!target) return;
    event.preventDefault();
    target.focus();
    target.closest('div, fieldset')?.scrollIntoView({ block: 'center' });
  }

  return (
    <section
      id="resumo-erros"
      ref={ref}
      tabIndex={-1}
      aria-labelledby="resumo-erros-titulo"
      className={`${summaryBox.error} focus:outline-none focus-visible:outline-offset-4`}
    >
      <h2 id="resumo-erros-titulo" className={summaryTitle}>
        {message}
      </h2>
      {formMessages.map((text) => (
        <p key={text} className="mt-2">
          {text}
        </p>
      ))}
      {items.length > 0 && (
        <ul className="mt-2 list-disc space-y-1 pl-5">
          {items.map((item) => (
            <li key={`${item.field}:${item.message}`}>
              <a href={`#${fieldId(item.field)}`} onClick={(event) => focusField(event, item.field)} className={summaryLink}>
                {item.message}
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
