'use client';

import { useActionState } from 'react';
import type { FormState } from '@/lib/actions/form-state';
import { REPORT_SECTIONS, type AnnualReportSections } from '@/lib/stats/annual-report-schema';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/** The report's written sections; a plain form post to a server action, so it works without JavaScript. */
export function AnnualReportForm({ year, sections, action }: { year: number; sections: AnnualReportSections; action: Action }) {
  const [state, formAction, pending] = useActionState(action, { status: 'idle' } as FormState);
  const valueOf = (name: keyof AnnualReportSections) => (state.status === 'error' ? (state.values[name] ?? '') : sections[name]);
  return (
    <form action={formAction} className="mt-6 space-y-5 rounded border border-slate-300 bg-slate-50 p-4 print:hidden" aria-labelledby="editar-relatorio">
      <h2 id="editar-relatorio" className="text-xl font-semibold">
        Editar as seções escritas
      </h2>
      <input type="hidden" name="year" value={year} />
      {state.status === 'success' && (
        <p role="status" className="rounded border border-green-700 bg-green-50 p-2 text-green-900">
          {state.message}
        </p>
      )}
      {state.status === 'error' && (
        <p role="alert" className="rounded border border-red-700 bg-red-50 p-2 text-red-900">
          {state.message}
        </p>
      )}
      {REPORT_SECTIONS.map((section) => {
        const errors = state.status === 'error' ? state.fieldErrors[section.name] : undefined;
        const hintId = `${section.name}-dica`;
        const errorId = `${section.name}-erro`;
        return (
          <div key={section.name}>
            <label htmlFor={section.name} className="block font-medium">
              {section.label}
            </label>
            <p id={hintId} className="text-sm text-slate-700">
              {section.hint} Separe os parágrafos com uma linha em branco.
            </p>
            <textarea
              id={section.name}
              name={section.name}
              rows={6}
              defaultValue={valueOf(section.name)}
              key={`${section.name}-${state.status}`}
              aria-describedby={errors ? `${hintId} ${errorId}` : hintId}
              aria-invalid={errors ? true : undefined}
              className="mt-1 block w-full rounded border border-slate-500 bg-white p-2 text-slate-900"
            />
            {errors && (
              <p id={errorId} className="mt-1 text-sm text-red-800">
                {errors.join(' ')}
              </p>
            )}
          </div>
        );
      })}
      <button type="submit" disabled={pending} className="rounded-full bg-brand px-4 py-2 font-medium text-white hover:bg-brand-dark disabled:opacity-60">
        {pending ? 'Salvando…' : 'Salvar relatório'}
      </button>
    </form>
  );
}
