import Link from 'next/link';
import type { Cell, StatsTable } from '@/lib/stats/table-types';
import { BarChart } from './bar-chart';
import { ColumnChart } from './column-chart';

function CellContent({ cell }: { cell: Cell }) {
  if (!cell.href) return <>{cell.display}</>;
  return (
    <Link href={cell.href} className="text-brand underline underline-offset-2 hover:text-brand-dark">
      {cell.display}
    </Link>
  );
}

/**
 * One indicator: its chart, readable at a glance (hidden from screen readers, which read the table), and
 * the table with every number, each linking to the demands behind it, plus its CSV download.
 */
export function StatsTableView({ table, csvHref, headingLevel = 2 }: { table: StatsTable; csvHref?: string; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const headingId = `tabela-${table.id}`;
  const points = table.chart
    ? table.rows.map((row) => ({
        label: row[table.chart?.labelColumn ?? 0]?.display ?? '',
        value: Number(row[table.chart?.valueColumn ?? 1]?.value ?? 0),
        display: row[table.chart?.valueColumn ?? 1]?.display ?? '',
      }))
    : [];
  return (
    <section aria-labelledby={headingId} className="mt-10 break-inside-avoid">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <Heading id={headingId} className="text-xl font-semibold">
          {table.title}
        </Heading>
        {csvHref && (
          <a href={csvHref} className="text-sm text-brand underline underline-offset-2 print:hidden" download>
            Baixar CSV<span className="sr-only"> de {table.title}</span>
          </a>
        )}
      </div>
      {table.description && <p className="mt-1 text-sm text-slate-700">{table.description}</p>}
      {table.highlights && (
        <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-4">
          {table.highlights.map((highlight) => (
            <div key={highlight.label} className="rounded border border-slate-300 p-3">
              <dt className="text-sm text-slate-700">{highlight.label}</dt>
              <dd className="text-2xl font-bold text-slate-900">
                <CellContent cell={highlight.cell} />
              </dd>
            </div>
          ))}
        </dl>
      )}
      {table.rows.length === 0 ? (
        <p className="mt-3 text-slate-700">{table.empty ?? 'Nenhuma manifestação no período e filtros escolhidos.'}</p>
      ) : (
        <>
          {table.chart?.kind === 'columns' && <ColumnChart points={points} />}
          {table.chart?.kind === 'bars' && (
            <div aria-hidden="true">
              <BarChart points={points} />
            </div>
          )}
          <div className="mt-3 overflow-x-auto" tabIndex={0} role="region" aria-label={`Tabela: ${table.title}`}>
            <table className="w-full border-collapse text-sm">
              <caption className="sr-only">{table.title}</caption>
              <thead>
                <tr className="border-b-2 border-slate-400">
                  {table.columns.map((column) => (
                    <th key={column.label} scope="col" className={`px-2 py-1 font-semibold ${column.numeric ? 'text-right' : 'text-left'}`}>
                      {column.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.map((row, rowIndex) => (
                  <tr key={rowIndex} className="border-b border-slate-200">
                    {row.map((cell, cellIndex) =>
                      cellIndex === 0 ? (
                        <th key={cellIndex} scope="row" className={`px-2 py-1 font-normal ${table.columns[0]?.numeric ? 'text-right' : 'text-left'}`}>
                          <CellContent cell={cell} />
                        </th>
                      ) : (
                        <td key={cellIndex} className={`px-2 py-1 ${table.columns[cellIndex]?.numeric ? 'text-right tabular-nums' : ''}`}>
                          <CellContent cell={cell} />
                        </td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
