import type { Metadata } from 'next';
import { ChartCard } from '@/components/stats/chart-card';
import { DepartmentComplianceView } from '@/components/stats/department-compliance';
import { FilterForm } from '@/components/stats/filter-form';
import { KeyFigures } from '@/components/stats/key-figures';
import { buildDashboard } from '@/lib/stats/dashboard';
import { loadStatsDimensions } from '@/lib/stats/dimensions';
import { filterFields } from '@/lib/stats/filter-fields';
import { MAX_WEEKLY_DAYS, type SearchParams } from '@/lib/stats/filters';
import { formatIsoDate, formatMonth } from '@/lib/stats/format';
import { buildTables, type TableId } from '@/lib/stats/tables';
import { GranularityField } from './granularity-field';
import { NoStatsAccess, statsPageContext } from './stats-viewer';

export const metadata: Metadata = { title: 'Estatísticas' };

/** The charts under the key figures, each a click away from its full table and CSV. */
const CHARTS: { id: TableId; limit?: number }[] = [
  { id: 'volume' },
  { id: 'secretarias-volume', limit: 10 },
  { id: 'assuntos', limit: 10 },
  { id: 'canais' },
  { id: 'bairros', limit: 10 },
  { id: 'prioridades-volume' },
];

/** A volume chart's full table is the one with every indicator of the same dimension. */
const fullTableOf = (id: TableId) => id.replace(/-volume$/, '');

export default async function StatisticsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const context = await statsPageContext(await searchParams, '/painel/estatisticas');
  if (!context) return <NoStatsAccess />;
  const { actor, filter, scope, granularity, query } = context;
  const now = new Date();
  const dimensions = await loadStatsDimensions();
  const [dashboard, tables] = await Promise.all([
    buildDashboard({ query: { filter, scope }, actor, dimensions, now }),
    buildTables(
      CHARTS.map((chart) => chart.id),
      { query: { filter, scope }, granularity, linked: true, now },
    ),
  ]);
  const tablesHref = `/painel/estatisticas/tabelas?${query.toString()}`;
  const months = dashboard.departments[0]?.trend ?? [];
  const trendLabel = months.length ? `de ${formatMonth(months[0]?.month ?? '')} a ${formatMonth(months.at(-1)?.month ?? '')}` : 'últimos seis meses';

  return (
    <>
      <div className="flex flex-wrap items-baseline justify-between gap-x-6 gap-y-1">
        <h1 className="text-2xl font-bold">Estatísticas</h1>
        <nav aria-label="Relatórios" className="print:hidden">
          <ul className="flex flex-wrap gap-x-5 gap-y-1 text-sm">
            <li>
              <a href={tablesHref} className="text-brand underline underline-offset-2">
                Tabelas detalhadas e CSV
              </a>
            </li>
            <li>
              <a href={`/painel/relatorio-anual/${filter.to.slice(0, 4)}`} className="text-brand underline underline-offset-2">
                Relatório anual de {filter.to.slice(0, 4)}
              </a>
            </li>
            <li>
              <a href="/transparencia" className="text-brand underline underline-offset-2">
                Painel público de transparência
              </a>
            </li>
          </ul>
        </nav>
      </div>
      <p className="mt-1 text-slate-700">
        Recebidas de {formatIsoDate(filter.from)} a {formatIsoDate(filter.to)}
        {scope.departmentIds === 'all' ? '' : ', das suas secretarias'}.
      </p>
      <details className="mt-3 print:hidden">
        <summary className="cursor-pointer text-brand underline underline-offset-2">Mudar o período e os filtros</summary>
        <FilterForm
          action="/painel/estatisticas"
          from={filter.from}
          to={filter.to}
          fields={filterFields(filter, dimensions, scope)}
          hint={`Os indicadores contam as manifestações recebidas no período, na situação em que estão hoje. Volume por semana: períodos de até ${MAX_WEEKLY_DAYS} dias.`}
          extra={<GranularityField value={granularity} />}
        />
      </details>
      <KeyFigures
        figures={dashboard.figures}
        comparedWith={`o período anterior de mesma duração, ${formatIsoDate(dashboard.previousPeriod.from)} a ${formatIsoDate(dashboard.previousPeriod.to)}`}
      />
      <section aria-labelledby="graficos" className="mt-10">
        <h2 id="graficos" className="text-xl font-semibold">
          Gráficos
        </h2>
        <div className="mt-3 grid gap-4 lg:grid-cols-2">
          {CHARTS.map((chart) => {
            const table = tables[chart.id];
            if (!table) return null;
            return (
              <ChartCard
                key={chart.id}
                table={table}
                limit={chart.limit}
                tableHref={`${tablesHref}#tabela-${fullTableOf(chart.id)}`}
                csvHref={`/painel/estatisticas/csv/${chart.id}?${query.toString()}`}
              />
            );
          })}
        </div>
      </section>
      <DepartmentComplianceView rows={dashboard.departments} trendLabel={trendLabel} />
    </>
  );
}
