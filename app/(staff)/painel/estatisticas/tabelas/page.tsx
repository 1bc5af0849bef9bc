import type { Metadata } from 'next';
import { FilterForm } from '@/components/stats/filter-form';
import { StatsMapsView } from '@/components/stats/stats-maps';
import { StatsTableView } from '@/components/stats/stats-table-view';
import { loadStatsDimensions } from '@/lib/stats/dimensions';
import { filterFields } from '@/lib/stats/filter-fields';
import { MAX_WEEKLY_DAYS, type SearchParams } from '@/lib/stats/filters';
import { formatIsoDate } from '@/lib/stats/format';
import { buildStatsMaps } from '@/lib/stats/maps';
import { buildTables, DASHBOARD_TABLE_IDS } from '@/lib/stats/tables';
import { NoStatsAccess, statsPageContext } from '../stats-viewer';
import { GranularityField } from '../granularity-field';

export const metadata: Metadata = { title: 'Estatísticas: tabelas detalhadas' };

/** Every statistics table of the period, with its chart, the demands behind each number and its CSV. */
export default async function StatisticsTablesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const context = await statsPageContext(await searchParams, '/painel/estatisticas/tabelas');
  if (!context) return <NoStatsAccess />;
  const { filter, scope, granularity, query } = context;
  const now = new Date();
  const [dimensions, tables] = await Promise.all([
    loadStatsDimensions(),
    buildTables(DASHBOARD_TABLE_IDS, { query: { filter, scope }, granularity, linked: true, now }),
  ]);
  const maps = await buildStatsMaps({ filter, scope }, dimensions);

  return (
    <>
      <p className="text-sm">
        <a href={`/painel/estatisticas?${query.toString()}`} className="text-brand underline underline-offset-2">
          ← Voltar ao painel de estatísticas
        </a>
      </p>
      <h1 className="mt-2 text-2xl font-bold">Estatísticas: tabelas detalhadas</h1>
      <p className="mt-2 text-slate-700">
        Manifestações recebidas de {formatIsoDate(filter.from)} a {formatIsoDate(filter.to)}
        {scope.departmentIds === 'all' ? '' : ', das suas secretarias'}. Cada número leva à lista das manifestações que ele conta.
      </p>
      <FilterForm
        action="/painel/estatisticas/tabelas"
        from={filter.from}
        to={filter.to}
        fields={filterFields(filter, dimensions, scope)}
        hint={`Os indicadores contam as manifestações recebidas no período, na situação em que estão hoje. Volume por semana: períodos de até ${MAX_WEEKLY_DAYS} dias.`}
        extra={<GranularityField value={granularity} />}
      />
      {DASHBOARD_TABLE_IDS.map((id) => {
        const table = tables[id];
        return table ? <StatsTableView key={id} table={table} csvHref={`/painel/estatisticas/csv/${id}?${query.toString()}`} /> : null;
      })}
      {maps && <StatsMapsView maps={maps} />}
    </>
  );
}
