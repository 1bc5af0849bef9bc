'use client';

import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import type { MapSettings } from '@/lib/geo/map-settings';
import { tileLayer, ZOOM_TITLES } from './pin-icon';
import type { MapMarker } from './markers-map';

type Props = { settings: MapSettings; markers: MapMarker[]; label: string; descriptionId: string };

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

/** Circles sized by how many demands each marker stands for; a click opens its popup (and its links). */
export default function LeafletMarkers({ settings, markers, label, descriptionId }: Props) {
  const containerRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const map = L.map(container, { zoomControl: false, keyboard: true }).setView(settings.center, settings.zoom);
    L.control.zoom(ZOOM_TITLES).addTo(map);
    map.attributionControl.setPrefix(false);
    tileLayer(settings.tilesUrl, settings.attribution).addTo(map);
    const layer = L.featureGroup();
    for (const marker of markers) {
      const radius = Math.min(28, 7 + Math.sqrt(marker.count) * 3);
      const circle = L.circleMarker([marker.lat, marker.lng], {
        radius,
        color: '#ffffff',
        weight: 2,
        fillColor: marker.tone === 'done' ? '#166534' : '#b45309',
        fillOpacity: 0.85,
      });
      circle.bindPopup(() => popupOf(marker));
      if (marker.count > 1) circle.bindTooltip(String(marker.count), { permanent: true, direction: 'center', className: 'map-count' });
      layer.addLayer(circle);
    }
    layer.addTo(map);
    if (markers.length > 1) map.fitBounds(layer.getBounds().pad(0.15), { maxZoom: 16 });
    else if (markers[0]) map.setView([markers[0].lat, markers[0].lng], 16);
    return () => {
      map.remove();
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
