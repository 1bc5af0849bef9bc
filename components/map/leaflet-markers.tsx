'use client';

import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import type { Bounds } from '@/lib/domain/geo';
import type { MapSettings } from '@/lib/geo/map-settings';
import { tileLayer, ZOOM_TITLES } from './pin-icon';
import type { MapMarker } from './markers-map';

type Props = {
  settings: MapSettings;
  markers: MapMarker[];
  label: string;
  descriptionId: string;
  /** Where the map opens: this box, or (unset) around the markers. */
  initialArea?: Bounds;
  /** Called with the visible box after every move or zoom (the staff map asks for that area's markers). */
  onView?: (area: Bounds) => void;
};

/** Popups are built as elements, never as HTML strings: labels come from the database. */
function popupOf(marker: MapMarker): HTMLElement {
  const box = document.createElement('div');
  const title = document.createElement('p');
  title.className = 'font-semibold';
  title.textContent = marker.title;
  box.append(title);
  if (marker.lines?.length) {
    for (const line of marker.lines) {
      const p = document.createElement('p');
      p.textContent = line;
      box.append(p);
    }
  }
  if (marker.links?.length) {
    const list = document.createElement('ul');
    for (const link of marker.links) {
      const item = document.createElement('li');
      const anchor = document.createElement('a');
      anchor.href = link.href;
      anchor.textContent = link.label;
      anchor.className = 'text-brand underline';
      item.append(anchor);
      list.append(item);
    }
    box.append(list);
  }
  return box;
}

function boundsOfMap(map: L.Map): Bounds {
  const b = map.getBounds();
  return { south: b.getSouth(), west: b.getWest(), north: b.getNorth(), east: b.getEast() };
}

/**
 * Circles sized by how many demands each marker stands for; a click opens its popup (and its links).
 * The map is made once; new markers (the staff map's answer for a new view) replace the old ones
 * without moving it.
 */
export default function LeafletMarkers({ settings, markers, label, descriptionId, initialArea, onView }: Props) {
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const layerRef = useRef<L.FeatureGroup | null>(null);
  const fittedRef = useRef(false);
  const onViewRef = useRef(onView);
  const initialAreaRef = useRef(initialArea);

  useEffect(() => {
    onViewRef.current = onView;
  }, [onView]);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const map = L.map(container, { zoomControl: false, keyboard: true }).setView(settings.center, settings.zoom);
    L.control.zoom(ZOOM_TITLES).addTo(map);
    map.attributionControl.setPrefix(false);
    tileLayer(settings.tilesUrl, settings.attribution).addTo(map);
    const layer = L.featureGroup().addTo(map);
    map.on('moveend', () => onViewRef.current?.(boundsOfMap(map)));
    mapRef.current = map;
    layerRef.current = layer;
    fittedRef.current = false;
    return () => {
      mapRef.current = null;
      layerRef.current = null;
      map.remove();
    };
  }, [settings]);

  // New markers wait while a popup is open (the reader is on it), and replace the old ones when it closes.
  const pendingRef = useRef<MapMarker[] | null>(null);

  useEffect(() => {
    const map = mapRef.current;
    const layer = layerRef.current;
    if (!map || !layer) return;
    const draw = (next: MapMarker[]) => {
      if (fittedRef.current && layer.getLayers().some((circle) => circle.isPopupOpen())) {
        pendingRef.current = next;
        return;
      }
      pendingRef.current = null;
      layer.clearLayers();
      for (const marker of next) {
        const radius = Math.min(28, 7 + Math.sqrt(marker.count) * 3);
        const circle = L.circleMarker([marker.lat, marker.lng], {
          radius,
          color: '#ffffff',
          weight: 2,
          fillColor: marker.tone === 'done' ? '#166534' : '#b45309',
          fillOpacity: 0.85,
        });
        circle.bindPopup(() => popupOf(marker));
        if (marker.count > 1)
          circle.bindTooltip(String(marker.count), {
            permanent: true,
            direction: 'center',
            className: 'map-count',
          });
        layer.addLayer(circle);
      }
      if (fittedRef.current) return;
      fittedRef.current = true;
      const area = initialAreaRef.current;
      if (area)
        map.fitBounds([
          [area.south, area.west],
          [area.north, area.east],
        ]);
      else if (next.length > 1) map.fitBounds(layer.getBounds().pad(0.15), { maxZoom: 16 });
      else if (next[0]) map.setView([next[0].lat, next[0].lng], 16);
      else onViewRef.current?.(boundsOfMap(map));
    };
    const onClose = () => {
      if (pendingRef.current) draw(pendingRef.current);
    };
    map.on('popupclose', onClose);
    draw(markers);
    return () => {
      map.off('popupclose', onClose);
    };
  }, [settings, markers]);

  return (
    <div
      ref={containerRef}
      role="region"
      aria-label={label}
      aria-describedby={descriptionId}
      className="h-[28rem] w-full rounded border border-slate-500 focus:outline focus:outline-4 focus:outline-offset-2 focus:outline-amber-500"
    />
  );
}
