import type { Metadata } from 'next';
import Link from 'next/link';
import { hrefWith, Pagination, QueueFilters, QueueTable, type QueryString } from '@/components/workspace/queue-view';
import { listDemands } from '@/lib/db/queries/demand-queues';
import { listTagFilterChoices } from '@/lib/db/queries/organisation';
import { listActiveCategories, listActiveDepartments, listNeighbourhoods } from '@/lib/db/queries/workspace-options';
import { filtersFromSearch, QUEUE_LABELS, QUEUE_SLUGS, queueFromSlug, queuesFor, QueueSearchSchema } from '@/lib/domain/queues';
import { SERVICE_LABELS } from '@/lib/domain/labels';
import { QueueReturnProvider } from '@/components/workspace/action-form';
import { DemandWorkspace } from './demandas/[protocolo]/demand-workspace';
import { requireStaffPage } from './staff-page';

export const metadata: Metadata = { title: 'Painel de trabalho' };

/**
 * A queue (its counts are in the shell's side navigation). With `?demanda=` the chosen demand opens beside
 * the list on wide screens (≥ 1280 px); narrower, the demand takes the whole width and the list waits
 * behind a link. Every row is a plain link, so the split works without JavaScript.
 */
export default async function QueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireStaffPage('/painel');
  const raw = await searchParams;
  const search = QueueSearchSchema.parse(raw);
  const queues = queuesFor(actor.role);
  if (!queues.length) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-bold">Painel de trabalho</h1>
        <p>A sua função não trabalha manifestações. {actor.role === 'admin' && <Link className="text-brand underline" href="/painel/admin">Ir para a administração</Link>}</p>
      </div>
    );
  }
  const queue = queueFromSlug(search.fila, actor.role);
  const now = new Date();
  const page = search.pagina ?? 1;
  const [result, categories, departments, neighbourhoods, opened, tags] = await Promise.all([
    listDemands({ actor, queue, filters: filtersFromSearch(search), sort: search.ordem, page, now }),
    listActiveCategories(),
    listActiveDepartments(),
    listNeighbourhoods(),
    search.demanda ? DemandWorkspace({ actor, protocol: search.demanda, search: raw, now }) : null,
    listTagFilterChoices({ actor }),
  ]);

  const current: QueryString = {
    fila: QUEUE_SLUGS[queue],
    protocolo: search.protocolo,
    texto: search.texto,
    servico: search.servico,
    tipo: search.tipo,
    assunto: search.assunto,
    situacao: search.situacao,
    secretaria: search.secretaria,
    canal: search.canal,
    bairro: search.bairro,
    de: search.de,
    ate: search.ate,
    etiqueta: search.etiqueta,
    prioridade: search.prioridade,
    ordem: search.ordem,
    pagina: page > 1 ? String(page) : undefined,
  };
  const split = Boolean(search.demanda);
  const Title = split ? 'h2' : 'h1';

  const list = (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <Title className={split ? 'text-xl font-bold' : 'text-2xl font-bold'}>{QUEUE_LABELS[queue]}</Title>
        <Link href={hrefWith(current, { pagina: undefined, ordem: undefined }, '/painel/mapa')} className="font-semibold text-brand underline">
          Ver esta fila no mapa
        </Link>
      </div>
      <QueueFilters
        values={current}
        queueSlug={QUEUE_SLUGS[queue]}
        collapsed={split}
        categories={categories.map((c) => ({ value: c.id, label: `${c.name} (${SERVICE_LABELS[c.service]})` }))}
        departments={departments.map((d) => ({ value: d.id, label: d.name }))}
        neighbourhoods={neighbourhoods.map((n) => ({ value: n.id, label: n.name }))}
        tags={tags.map((t) => ({ value: t.id, label: t.name }))}
      />
      <QueueTable
        rows={result.rows}
        now={now}
        caption={`${QUEUE_LABELS[queue]} — página ${page}`}
        hrefOf={(row) => hrefWith(current, { demanda: row.protocol })}
        openProtocol={search.demanda}
        compact={split}
      />
      <Pagination page={page} hasNextPage={result.hasNextPage} hrefOf={(p) => hrefWith(current, { pagina: p > 1 ? String(p) : undefined })} />
    </div>
  );
  if (!split) return list;

  return (
    <div className="xl:grid xl:grid-cols-[minmax(0,24rem)_minmax(0,1fr)] xl:gap-6">
      <div className="hidden xl:sticky xl:top-0 xl:block xl:max-h-screen xl:overflow-y-auto xl:pr-2">{list}</div>
      <div className="min-w-0 space-y-4 xl:border-l xl:border-slate-300 xl:pl-6">
        <p className="flex flex-wrap gap-x-6 gap-y-1">
          <Link href={hrefWith(current, {})} className="text-brand underline">
            <span className="xl:hidden">← Voltar à fila</span>
            <span className="hidden xl:inline">Fechar a manifestação</span>
          </Link>
          {opened && (
            <Link href={`/painel/demandas/${search.demanda}`} className="text-brand underline">
              Abrir em página própria
            </Link>
          )}
        </p>
        {opened ? (
          // Every action taken here comes back to this queue with the demand open.
          <QueueReturnProvider queueQuery={new URLSearchParams(hrefWith(current, {}, '')).toString()}>{opened}</QueueReturnProvider>
        ) : (
          <p role="alert" className="rounded border-l-4 border-red-700 bg-red-50 px-3 py-2 text-red-900">
            Manifestação {search.demanda} não encontrada, ou você não tem acesso a ela.
          </p>
        )}
      </div>
    </div>
  );
}
