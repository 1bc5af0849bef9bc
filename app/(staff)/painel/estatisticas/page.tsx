import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { FilterForm } from '@/components/stats/filter-form';
import { StatsMapsView } from '@/components/stats/stats-maps';
import { StatsTableView } from '@/components/stats/stats-table-view';
import { AuthorizationError } from '@/lib/auth/guards';
import { requireStatsViewer } from '@/lib/stats/access';
import { loadStatsDimensions } from '@/lib/stats/dimensions';
import { filterFields } from '@/lib/stats/filter-fields';
import { filterParams, MAX_WEEKLY_DAYS, parseStatsFilter, type SearchParams } from '@/lib/stats/filters';
import { formatIsoDate } from '@/lib/stats/format';
import { buildStatsMaps } from '@/lib/stats/maps';
import { buildTables, DASHBOARD_TABLE_IDS } from '@/lib/stats/tables';

export const metadata: Metadata = { title: 'Estatísticas' };

export default async function StatisticsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  let viewer;
  try {
    viewer = await requireStatsViewer();
  } catch (error) {
    if (!(error instanceof AuthorizationError)) throw error;
    if (error.status === 401) redirect(`/entrar?callbackUrl=${encodeURIComponent('/painel/estatisticas')}`);
    return (
      <>
        <h1 className="text-2xl font-bold">Estatísticas</h1>
        <p className="mt-4">Seu perfil não tem acesso às estatísticas. Fale com a administração do sistema.</p>
      </>
    );
  }
  const { scope } = viewer;
  const { filter, granularity } = parseStatsFilter(params);
  // A department user may narrow to one of their own departments, never widen to another.
  if (scope.departmentIds !== 'all' && filter.departmentId && !scope.departmentIds.includes(filter.departmentId)) filter.departmentId = undefined;
  const now = new Date();
  const [dimensions, tables] = await Promise.all([
    loadStatsDimensions(),
    buildTables(DASHBOARD_TABLE_IDS, { query: { filter, scope }, granularity, linked: true, now }),
  ]);
  const maps = await buildStatsMaps({ filter, scope }, dimensions);
  const query = new URLSearchParams(filterParams(filter));
  if (granularity === 'week') query.set('by', 'week');

  return (
    <>
      <h1 className="text-2xl font-bold">Estatísticas</h1>
      <p className="mt-2 text-slate-700">
        Manifestações recebidas de {formatIsoDate(filter.from)} a {formatIsoDate(filter.to)}
        {scope.departmentIds === 'all' ? '' : ', das suas secretarias'}. Cada número leva à lista das manifestações que ele conta.
      </p>
      <nav aria-label="Relatórios" className="mt-3 print:hidden">
        <ul className="flex flex-wrap gap-x-6 gap-y-1">
          <li>
            <a href={`/painel/relatorio-anual/${filter.to.slice(0, 4)}`} className="text-brand underline underline-offset-2">
              Relatório anual de gestão de {filter.to.slice(0, 4)}
            </a>
          </li>
          <li>
            <a href="/transparencia" className="text-brand underline underline-offset-2">
              Painel público de transparência
            </a>
          </li>
        </ul>
      </nav>
      <FilterForm
        action="/painel/estatisticas"
        from={filter.from}
        to={filter.to}
        fields={filterFields(filter, dimensions, scope)}
        hint={`Os indicadores contam as manifestações recebidas no período, na situação em que estão hoje. Volume por semana: períodos de até ${MAX_WEEKLY_DAYS} dias.`}
        extra={
          <div>
            <label htmlFor="filtro-por" className="text-sm font-medium">
              Volume por
            </label>
            <select id="filtro-por" name="by" defaultValue={granularity} className="mt-1 block w-full rounded border border-slate-500 bg-white px-2 py-1.5 text-slate-900">
              <option value="month">Mês</option>
              <option value="week">Semana</option>
            </select>
          </div>
        }
      />
      {DASHBOARD_TABLE_IDS.map((id) => {
        const table = tables[id];
        return table ? <StatsTableView key={id} table={table} csvHref={`/painel/estatisticas/csv/${id}?${query.toString()}`} /> : null;
      })}
      {maps && <StatsMapsView maps={maps} />}
    </>
  );
}
