import type { Metadata } from 'next';
import Link from 'next/link';
import { hrefWith, Pagination, QueueFilters, QueueTable, QueueTabs, type QueryString } from '@/components/workspace/queue-view';
import { countQueues, listDemands } from '@/lib/db/queries/demand-queues';
import { listActiveCategories, listActiveDepartments, listNeighbourhoods } from '@/lib/db/queries/workspace-options';
import { filtersFromSearch, QUEUE_LABELS, QUEUE_SLUGS, queueFromSlug, queuesFor, QueueSearchSchema } from '@/lib/domain/queues';
import { SERVICE_LABELS } from '@/lib/domain/labels';
import { requireStaffPage } from './staff-page';

export const metadata: Metadata = { title: 'Painel de trabalho' };

export default async function QueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireStaffPage('/painel');
  const search = QueueSearchSchema.parse(await searchParams);
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
  const [result, counts, categories, departments, neighbourhoods] = await Promise.all([
    listDemands({ actor, queue, filters: filtersFromSearch(search), sort: search.ordem, page, now }),
    countQueues({ actor, now }),
    listActiveCategories(),
    listActiveDepartments(),
    listNeighbourhoods(),
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
    ordem: search.ordem,
  };

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Painel de trabalho</h1>
      <p>
        <Link href={hrefWith(current, { pagina: undefined, ordem: undefined }, '/painel/mapa')} className="font-semibold text-brand underline">
          Ver esta fila no mapa
        </Link>
      </p>
      <QueueTabs queues={queues} current={queue} counts={counts} hrefOf={(q) => hrefWith(current, { fila: QUEUE_SLUGS[q], pagina: undefined })} />
      <QueueFilters
        values={current}
        queueSlug={QUEUE_SLUGS[queue]}
        categories={categories.map((c) => ({ value: c.id, label: `${c.name} (${SERVICE_LABELS[c.service]})` }))}
        departments={departments.map((d) => ({ value: d.id, label: d.name }))}
        neighbourhoods={neighbourhoods.map((n) => ({ value: n.id, label: n.name }))}
      />
      <QueueTable rows={result.rows} now={now} caption={`${QUEUE_LABELS[queue]} — página ${page}`} />
      <Pagination page={page} hasNextPage={result.hasNextPage} hrefOf={(p) => hrefWith(current, { pagina: p > 1 ? String(p) : undefined })} />
    </div>
  );
}
