import type { Metadata } from 'next';
import Link from 'next/link';
import { InformationRequestsTable } from '@/components/stats/information-requests-table';
import { RequesterProfileView } from '@/components/stats/requester-profile-view';
import { StatsTableView } from '@/components/stats/stats-table-view';
import { SERVICE_LABELS } from '@/lib/domain/labels';
import { SERVICES } from '@/lib/domain/vocabulary';
import { ALL_DEPARTMENTS, type SearchParams } from '@/lib/stats/filters';
import { formatIsoDate } from '@/lib/stats/format';
import { publicFilter } from '@/lib/stats/public-period';
import { informationRequestYears } from '@/lib/stats/information-requests';
import { requesterProfileTables } from '@/lib/stats/requester-profile';
import { buildTables, PUBLIC_TABLE_IDS } from '@/lib/stats/tables';

export const metadata: Metadata = { title: 'Transparência: estatísticas da Ouvidoria e do Balcão' };

const control = 'mt-1 block rounded border border-slate-500 bg-white px-2 py-1.5 text-slate-900';

export default async function TransparencyPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { year, years, filter } = publicFilter(await searchParams);
  const [tables, informationYears, profile] = await Promise.all([
    buildTables(PUBLIC_TABLE_IDS, { query: { filter, scope: ALL_DEPARTMENTS }, granularity: 'month', linked: false, now: new Date() }),
    informationRequestYears({ fromYear: Math.min(...years), toYear: Math.max(...years) }),
    requesterProfileTables(filter),
  ]);
  const query = new URLSearchParams({ ano: String(year), ...(filter.service ? { service: filter.service } : {}) }).toString();
  return (
    <>
      <h1 className="text-2xl font-bold">Transparência</h1>
      <p className="mt-2 max-w-3xl text-slate-700">
        Números das manifestações da Ouvidoria e dos pedidos do Balcão da Cidadania recebidos de {formatIsoDate(filter.from)} a{' '}
        {formatIsoDate(filter.to)}, por mês e por secretaria, como pedem os arts. 14, 15 e 23 da Lei nº 13.460/2017. Nenhum dado pessoal é
        publicado: só contagens e datas.
      </p>
      <nav aria-label="Mais dados" className="mt-3">
        <ul className="flex flex-wrap gap-x-6 gap-y-1">
          <li>
            <Link href="/transparencia/dados-abertos" className="text-brand underline underline-offset-2">
              Dados abertos (CSV e JSON) e dicionário de dados
            </Link>
          </li>
          <li>
            <Link href={`/transparencia/relatorio-anual/${year}`} className="text-brand underline underline-offset-2">
              Relatório anual de gestão de {year}
            </Link>
          </li>
        </ul>
      </nav>
      <form action="/transparencia" method="get" className="mt-6 flex flex-wrap items-end gap-4 rounded border border-slate-300 bg-slate-50 p-4">
        <div>
          <label htmlFor="ano" className="text-sm font-medium">
            Ano
          </label>
          <select id="ano" name="ano" defaultValue={String(year)} className={control}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="servico" className="text-sm font-medium">
            Serviço
          </label>
          <select id="servico" name="service" defaultValue={filter.service ?? ''} className={control}>
            <option value="">Ouvidoria e Balcão</option>
            {SERVICES.map((s) => (
              <option key={s} value={s}>
                {SERVICE_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="rounded-full bg-brand px-4 py-2 font-medium text-white hover:bg-brand-dark">
          Ver
        </button>
      </form>
      {PUBLIC_TABLE_IDS.map((id) => {
        const table = tables[id];
        return table ? <StatsTableView key={id} table={table} csvHref={`/transparencia/csv/${id}?${query}`} /> : null;
      })}
      <InformationRequestsTable years={informationYears} />
      <RequesterProfileView tables={profile} jsonHref={`/transparencia/dados-abertos/perfil-dos-solicitantes.json?${query}`} />
    </>
  );
}
