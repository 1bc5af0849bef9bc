import type { ReactNode } from 'react';

export type SelectOption = { value: string; label: string };
export type FilterField = { name: string; label: string; options: SelectOption[]; value?: string; allLabel: string };

const control = 'mt-1 block w-full rounded border border-slate-500 bg-white px-2 py-1.5 text-slate-900';

/**
 * The statistics filter: a plain GET form, so it works without JavaScript and every filtered view has
 * its own address (shareable, bookmarkable, and the same names the workspace queue reads).
 */
export function FilterForm({
  action,
  from,
  to,
  fields,
  extra,
  hint,
}: {
  action: string;
  from: string;
  to: string;
  fields: FilterField[];
  extra?: ReactNode;
  hint?: string;
}) {
  return (
    <form action={action} method="get" className="mt-6 rounded border border-slate-300 bg-slate-50 p-4 print:hidden" aria-labelledby="filtros-titulo">
      <h2 id="filtros-titulo" className="text-lg font-semibold">
        Filtros
      </h2>
      {hint && (
        <p id="filtros-dica" className="mt-1 text-sm text-slate-700">
          {hint}
        </p>
      )}
      <div className="mt-3 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <div>
          <label htmlFor="filtro-de" className="text-sm font-medium">
            Recebidas de
          </label>
          <input id="filtro-de" type="date" name="from" defaultValue={from} className={control} aria-describedby={hint ? 'filtros-dica' : undefined} />
        </div>
        <div>
          <label htmlFor="filtro-ate" className="text-sm font-medium">
            Até
          </label>
          <input id="filtro-ate" type="date" name="to" defaultValue={to} className={control} />
        </div>
        {fields.map((field) => (
          <div key={field.name}>
            <label htmlFor={`filtro-${field.name}`} className="text-sm font-medium">
              {field.label}
            </label>
            <select id={`filtro-${field.name}`} name={field.name} defaultValue={field.value ?? ''} className={control}>
              <option value="">{field.allLabel}</option>
              {field.options.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </div>
        ))}
        {extra}
      </div>
      <div className="mt-4 flex flex-wrap gap-3">
        <button type="submit" className="rounded-full bg-brand px-4 py-2 font-medium text-white hover:bg-brand-dark">
          Aplicar filtros
        </button>
        <a href={action} className="rounded border border-brand px-4 py-2 font-medium text-brand hover:bg-slate-100">
          Limpar
        </a>
      </div>
    </form>
  );
}
