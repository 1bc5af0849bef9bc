import type { Metadata } from 'next';
import Link from 'next/link';
import { hrefWith, Pagination, QueueFilters, QueueTable, type QueryString } from '@/components/workspace/queue-view';
import { BulkForm, DeleteViewForm, SaveViewForm } from '@/components/workspace/queue-tools';
import { listDemands } from '@/lib/db/queries/demand-queues';
import { listTagFilterChoices } from '@/lib/db/queries/organisation';
import { getSavedView } from '@/lib/db/queries/saved-views';
import { listActiveCategories, listActiveDepartments, listBulkAssignees, listNeighbourhoods } from '@/lib/db/queries/workspace-options';
import { filtersFromSearch, QUEUE_LABELS, QUEUE_SLUGS, queueFromSlug, queuesFor, QueueSearchSchema } from '@/lib/domain/queues';
import { viewQuery } from '@/lib/domain/saved-views';
import { ROLE_LABELS, SERVICE_LABELS } from '@/lib/domain/labels';
import type { Role } from '@/lib/domain/vocabulary';
import { QueueReturnProvider } from '@/components/workspace/action-form';
import { bulkAction, deleteViewAction, saveViewAction } from './queue-actions';
import { DemandWorkspace } from './demandas/[protocolo]/demand-workspace';
import { requireStaffPage } from './staff-page';

export const metadata: Metadata = { title: 'Painel de trabalho' };

/** Who acts on chosen rows in bulk (assign, tag), and who of them also forwards and marks duplicates (the triage desks). */
const BULK_ROLES: readonly Role[] = ['ombudsman', 'attendant', 'department', 'internal_control'];
const FORWARDING_ROLES: readonly Role[] = ['ombudsman', 'attendant'];

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
  const split = Boolean(search.demanda);
  const bulk = !split && BULK_ROLES.includes(actor.role);
  const [result, categories, departments, neighbourhoods, opened, tags, view, assignees] = await Promise.all([
    listDemands({ actor, queue, filters: filtersFromSearch(search), sort: search.ordem, page, now }),
    listActiveCategories(),
    listActiveDepartments(),
    listNeighbourhoods(),
    search.demanda ? DemandWorkspace({ actor, protocol: search.demanda, search: raw, now }) : null,
    listTagFilterChoices({ actor }),
    search.visao ? getSavedView({ actor, id: search.visao }) : null,
    bulk ? listBulkAssignees({ actor }) : [],
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
    visao: view?.id,
    pagina: page > 1 ? String(page) : undefined,
  };
  const Title = split ? 'h2' : 'h1';
  const table = (selectable: boolean) => (
    <QueueTable
      rows={result.rows}
      now={now}
      caption={`${QUEUE_LABELS[queue]} — página ${page}`}
      hrefOf={(row) => hrefWith(current, { demanda: row.protocol })}
      openProtocol={search.demanda}
      compact={split}
      selectable={selectable ? { allChecked: search.selecao === 'pagina' } : undefined}
    />
  );

  const list = (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <Title className={split ? 'text-xl font-bold' : 'text-2xl font-bold'}>{QUEUE_LABELS[queue]}</Title>
        <Link href={hrefWith(current, { pagina: undefined, ordem: undefined }, '/painel/mapa')} className="font-semibold text-brand underline">
          Ver esta fila no mapa
        </Link>
      </div>
      {view && (
        <div className="flex flex-wrap items-center justify-between gap-3 rounded border-l-4 border-brand bg-sky-50 px-3 py-2">
          <p>
            Visão salva: <strong>{view.name}</strong>
            {view.departmentName && <span className="text-slate-700"> · compartilhada com {view.departmentName}</span>}
          </p>
          {view.own && <DeleteViewForm action={deleteViewAction} viewId={view.id} />}
        </div>
      )}
      <QueueFilters
        values={current}
        queueSlug={QUEUE_SLUGS[queue]}
        collapsed={split}
        categories={categories.map((c) => ({ value: c.id, label: `${c.name} (${SERVICE_LABELS[c.service]})` }))}
        departments={departments.map((d) => ({ value: d.id, label: d.name }))}
        neighbourhoods={neighbourhoods.map((n) => ({ value: n.id, label: n.name }))}
        tags={tags.map((t) => ({ value: t.id, label: t.name }))}
      />
      {!split && (
        <SaveViewForm
          action={saveViewAction}
          query={viewQuery(current, actor.role)}
          secretarias={departments.filter((d) => actor.departmentIds.includes(d.id)).map((d) => ({ value: d.id, label: d.name }))}
        />
      )}
      {bulk && result.rows.length > 0 ? (
        <BulkForm
          action={bulkAction}
          assignees={assignees.map((u) => ({ value: u.id, label: `${u.name} — ${ROLE_LABELS[u.role]}` }))}
          departments={FORWARDING_ROLES.includes(actor.role) ? departments.map((d) => ({ value: d.id, label: d.name })) : []}
          tags={tags.map((t) => ({ value: t.id, label: t.name }))}
          duplicates={FORWARDING_ROLES.includes(actor.role)}
        >
          <p className="flex flex-wrap gap-x-6 gap-y-1">
            <Link href={hrefWith(current, { selecao: 'pagina' })} className="text-brand underline">
              Selecionar todas desta página
            </Link>
            {search.selecao && (
              <Link href={hrefWith(current, {})} className="text-brand underline">
                Limpar a seleção
              </Link>
            )}
          </p>
          {table(true)}
        </BulkForm>
      ) : (
        table(false)
      )}
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
