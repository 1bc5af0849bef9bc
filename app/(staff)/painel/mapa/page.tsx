import type { Metadata } from 'next';
import Link from 'next/link';
import { MarkersMap, type MapMarker } from '@/components/map/markers-map';
import { hrefWith, QueueFilters, QueueTabs, type QueryString } from '@/components/workspace/queue-view';
import { countQueues } from '@/lib/db/queries/demand-queues';
import { mapDemands, type MapCluster } from '@/lib/db/queries/demand-map';
import { listActiveCategories, listActiveDepartments, listNeighbourhoods } from '@/lib/db/queries/workspace-options';
import { SERVICE_LABELS } from '@/lib/domain/labels';
import { filtersFromSearch, QUEUE_LABELS, QUEUE_SLUGS, queueFromSlug, queuesFor, QueueSearchSchema } from '@/lib/domain/queues';
import { mapSettings } from '@/lib/geo/map-settings';
import { requireStaffPage } from '../staff-page';

export const metadata: Metadata = { title: 'Mapa da fila — Painel de trabalho' };

function markerOf(cluster: MapCluster): MapMarker {
  const more = cluster.count - cluster.protocols.length;
  return {
    lat: cluster.lat,
    lng: cluster.lng,
    count: cluster.count,
    title: cluster.count === 1 ? '1 demanda neste local' : `${cluster.count} demandas neste local`,
    lines: more > 0 ? [`As ${cluster.protocols.length} de prazo mais próximo (veja as demais na lista, filtrando pelo bairro):`] : undefined,
    links: cluster.protocols.map((protocol) => ({ href: `/painel/demandas/${protocol}`, label: `Protocolo ${protocol}` })),
  };
}

/** A queue on the map, with the list's own filters and authorization (mapDemands). */
export default async function QueueMapPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireStaffPage('/painel/mapa');
  const search = QueueSearchSchema.parse(await searchParams);
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
    mapDemands({ actor, queue, filters: filtersFromSearch(search), now }),
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
  const markers = map.clusters.map(markerOf);

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
      <p id="mapa-resumo" aria-live="polite">
        {map.located === 0
          ? 'Nenhuma demanda desta fila, com estes filtros, tem local marcado.'
          : `${map.located === 1 ? '1 demanda com local marcado' : `${map.located} demandas com local marcado`}, em ${markers.length === 1 ? '1 ponto' : `${markers.length} pontos`}. Clique num ponto para ver os protocolos.`}
        {map.truncated && ' O mapa mostra só os pontos com mais demandas: filtre para ver os demais.'}
      </p>
      <MarkersMap settings={mapSettings()} markers={markers} label={`Mapa: ${QUEUE_LABELS[queue]}`} descriptionId="mapa-resumo" />
      {markers.length > 0 && (
        <section aria-labelledby="pontos-titulo">
          <h2 id="pontos-titulo" className="text-lg font-bold">
            Pontos do mapa
          </h2>
          <ul className="mt-2 space-y-2">
            {map.clusters.map((cluster) => (
              <li key={`${cluster.lat},${cluster.lng}`}>
                <span className="font-semibold">{cluster.count === 1 ? '1 demanda' : `${cluster.count} demandas`}</span> perto de {cluster.lat.toFixed(4)}, {cluster.lng.toFixed(4)}:{' '}
                {cluster.protocols.map((protocol, index) => (
                  <span key={protocol}>
                    {index > 0 && ', '}
                    <Link href={`/painel/demandas/${protocol}`} className="text-brand underline">
                      {protocol}
                    </Link>
                  </span>
                ))}
                {cluster.count > cluster.protocols.length && ` e mais ${cluster.count - cluster.protocols.length}`}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
