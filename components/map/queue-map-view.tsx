'use client';

import Link from 'next/link';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Bounds } from '@/lib/domain/geo';
import { formatMapArea } from '@/lib/domain/map-area';
import type { MapSettings } from '@/lib/geo/map-settings';
import { MarkersMap, type MapMarker } from './markers-map';

/** One marker of the staff map, as the server sends it (MapCluster in lib/db/queries/demand-map.ts). */
export type QueueMapCluster = { lat: number; lng: number; count: number; protocols: string[]; area: Bounds };
export type QueueMapData = { clusters: QueueMapCluster[]; located: number; truncated: boolean; area: Bounds | null };

type Props = {
  settings: MapSettings;
  initial: QueueMapData;
  /** The queue and filters of the page, as query-string pairs (without `area`). */
  query: Record<string, string>;
  /** The area was chosen in the address: the map opens on it. */
  areaChosen: boolean;
  label: string;
};

function href(path: string, query: Record<string, string>, area?: Bounds): string {
  const params = new URLSearchParams(query);
  if (area) params.set('area', formatMapArea(area));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

function markerOf(cluster: QueueMapCluster, query: Record<string, string>): MapMarker {
  const closer = { href: href('/painel/mapa', query, cluster.area), label: 'Ver esta área de perto' };
  if (!cluster.protocols.length) {
    return {
      lat: cluster.lat,
      lng: cluster.lng,
      count: cluster.count,
      title: `${cluster.count} demandas nesta área`,
      lines: ['Aproxime o mapa para ver os protocolos.'],
      links: [closer],
    };
  }
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

function summaryOf(data: QueueMapData): string {
  if (data.located === 0) return 'Nesta área do mapa: nenhuma demanda desta fila, com estes filtros, tem local marcado.';
  const points = data.clusters.length === 1 ? '1 ponto' : `${data.clusters.length} pontos`;
  const located = data.located === 1 ? '1 demanda com local marcado' : `${data.located} demandas com local marcado`;
  const hint = data.clusters.some((c) => !c.protocols.length)
    ? 'Aproxime o mapa (ou siga “Ver esta área de perto”) para ver os protocolos.'
    : 'Clique num ponto para ver os protocolos.';
  return `${located} nesta área do mapa, em ${points}. ${hint}${data.truncated ? ' O mapa mostra só os pontos com mais demandas: filtre para ver os demais.' : ''}`;
}

/**
 * The staff map of a queue: the server's first answer (also the list without JavaScript), then, as the
 * map moves, the markers of the visible area from /painel/mapa/dados. The summary is read out on every
 * change and the list below follows the map, so keyboard and screen-reader users get the same content.
 */
export function QueueMapView({ settings, initial, query, areaChosen, label }: Props) {
  const [data, setData] = useState(initial);
  const [failed, setFailed] = useState(false);
  const pending = useRef<AbortController | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(
    () => () => {
      pending.current?.abort();
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const onView = useCallback(
    (area: Bounds) => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(async () => {
        pending.current?.abort();
        const controller = new AbortController();
        pending.current = controller;
        try {
          const response = await fetch(href('/painel/mapa/dados', query, area), { signal: controller.signal, headers: { Accept: 'application/json' } });
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          const next = (await response.json()) as QueueMapData;
          // The same markers again (a small move): keep the old ones, and any popup open on them.
          setData((current) => (JSON.stringify([current.clusters, current.located, current.truncated]) === JSON.stringify([next.clusters, next.located, next.truncated]) ? current : next));
          setFailed(false);
        } catch (error) {
          if (!controller.signal.aborted) setFailed(true);
          if (!(error instanceof Error) || error.name !== 'AbortError') return;
        }
      }, 250);
    },
    [query],
  );

  const markers = data.clusters.map((cluster) => markerOf(cluster, query));
  return (
    <>
      <p id="mapa-resumo" aria-live="polite">
        {summaryOf(data)}
        {failed && ' Não foi possível atualizar o mapa para esta área; tente mover o mapa de novo.'}
      </p>
      <MarkersMap
        settings={settings}
        markers={markers}
        label={label}
        descriptionId="mapa-resumo"
        initialArea={areaChosen && initial.area ? initial.area : undefined}
        onView={onView}
      />
      {data.clusters.length > 0 && (
        <section aria-labelledby="pontos-titulo">
          <h2 id="pontos-titulo" className="text-lg font-bold">
            Pontos do mapa
          </h2>
          <ul className="mt-2 space-y-2">
            {data.clusters.map((cluster) => (
              <li key={`${cluster.lat},${cluster.lng},${cluster.count}`}>
                <span className="font-semibold">{cluster.count === 1 ? '1 demanda' : `${cluster.count} demandas`}</span> perto de {cluster.lat.toFixed(4)},{' '}
                {cluster.lng.toFixed(4)}
                {cluster.protocols.length ? ': ' : ' — '}
                {cluster.protocols.map((protocol, index) => (
                  <span key={protocol}>
                    {index > 0 && ', '}
                    <Link href={`/painel/demandas/${protocol}`} className="text-brand underline">
                      {protocol}
                    </Link>
                  </span>
                ))}
                {cluster.protocols.length > 0 && cluster.count > cluster.protocols.length && ` e mais ${cluster.count - cluster.protocols.length}`}
                {!cluster.protocols.length && (
                  <a href={href('/painel/mapa', query, cluster.area)} className="text-brand underline">
                    ver esta área de perto
                  </a>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
