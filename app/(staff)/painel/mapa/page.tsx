import type { Metadata } from 'next';
import Link from 'next/link';
import { QueueMapView } from '@/components/map/queue-map-view';
import { hrefWith, QueueFilters, QueueTabs, type QueryString } from '@/components/workspace/queue-view';
import { countQueues } from '@/lib/db/queries/demand-queues';
import { mapDemands } from '@/lib/db/queries/demand-map';
import { parseMapArea } from '@/lib/domain/map-area';
import { listActiveCategories, listActiveDepartments, listNeighbourhoods } from '@/lib/db/queries/workspace-options';
import { SERVICE_LABELS } from '@/lib/domain/labels';
import { filtersFromSearch, QUEUE_LABELS, QUEUE_SLUGS, queueFromSlug, queuesFor, QueueSearchSchema } from '@/lib/domain/queues';
import { mapSettings } from '@/lib/geo/map-settings';
import { requireStaffPage } from '../staff-page';

export const metadata: Metadata = { title: 'Mapa da fila — Painel de trabalho' };

/** A queue on the map, with the list's own filters and authorization (mapDemands). */
export default async function QueueMapPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireStaffPage('/painel/mapa');
  const params = await searchParams;
  const search = QueueSearchSchema.parse(params);
  const area = parseMapArea(params.area);
  const queues = queuesFor(actor.role);
  if (!queues.length) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-bold">Mapa da fila</h1>
        <p>A sua função não trabalha manifestações.</p>
      </div>
    );
  }
  const queue = queueFromSlug(search.fila, actor.role);
  const now = new Date();
  const [map, counts, categories, departments, neighbourhoods] = await Promise.all([
    mapDemands({ actor, queue, filters: filtersFromSearch(search), now, area }),
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
  };
  const query = Object.fromEntries(Object.entries(current).filter((entry): entry is [string, string] => Boolean(entry[1])));

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Mapa da fila: {QUEUE_LABELS[queue]}</h1>
      <p>
        <Link href={hrefWith(current, {})} className="font-semibold text-brand underline">
          Ver esta fila em lista
        </Link>
      </p>
      <QueueTabs queues={queues} current={queue} counts={counts} hrefOf={(q) => hrefWith(current, { fila: QUEUE_SLUGS[q] }, '/painel/mapa')} />
      <QueueFilters
        values={current}
        queueSlug={QUEUE_SLUGS[queue]}
        action="/painel/mapa"
        categories={categories.map((c) => ({ value: c.id, label: `${c.name} (${SERVICE_LABELS[c.service]})` }))}
        departments={departments.map((d) => ({ value: d.id, label: d.name }))}
        neighbourhoods={neighbourhoods.map((n) => ({ value: n.id, label: n.name }))}
      />
      {area && (
        <p>
          <Link href={hrefWith(current, {}, '/painel/mapa')} className="text-brand underline">
            Ver o município inteiro no mapa
          </Link>
        </p>
      )}
      <QueueMapView
        key={JSON.stringify([query, area ?? null])}
        settings={mapSettings()}
        initial={{ clusters: map.clusters, located: map.located, truncated: map.truncated, area: map.area }}
        query={query}
        areaChosen={Boolean(area)}
        label={`Mapa: ${QUEUE_LABELS[queue]}`}
      />
    </div>
  );
}
