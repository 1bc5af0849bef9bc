'use client';

import dynamic from 'next/dynamic';
import type { Bounds } from '@/lib/domain/geo';
import type { MapSettings } from '@/lib/geo/map-settings';

export type MapMarker = {
  lat: number;
  lng: number;
  /** How many demands the marker stands for. */
  count: number;
  title: string;
  lines?: string[];
  links?: { href: string; label: string }[];
  /** Answered ones are drawn in another colour. */
  tone?: 'open' | 'done';
};

const LeafletMarkers = dynamic(() => import('./leaflet-markers'), {
  ssr: false,
  loading: () => <p className="flex h-[28rem] items-center justify-center rounded border border-slate-500 bg-slate-50">Carregando o mapa…</p>,
});

/**
 * A map of markers, loaded only on the pages that show one. It is never the only way to the data: every
 * page that draws it also lists the same demands (the screen-reader and no-JavaScript alternative).
 */
export function MarkersMap(props: {
  settings: MapSettings;
  markers: MapMarker[];
  label: string;
  descriptionId: string;
  initialArea?: Bounds;
  onView?: (area: Bounds) => void;
}) {
  return <LeafletMarkers {...props} />;
}
