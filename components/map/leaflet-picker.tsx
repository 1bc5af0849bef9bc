'use client';

import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import type { LatLng } from '@/lib/domain/geo';
import type { MapSettings } from '@/lib/geo/map-settings';
import { pinIcon, tileLayer, ZOOM_TITLES } from './pin-icon';

/** Metres an arrow key moves the pin; with Shift, five times as far. */
const STEP_METERS = 10;

type Props = {
  settings: MapSettings;
  point: LatLng | null;
  onPick: (point: LatLng, how: 'click' | 'drag' | 'keyboard') => void;
  instructionsId: string;
};

/**
 * The map of the location field: a click or a drag puts the pin; with the map focused, the arrow keys
 * move it (placing it at the centre first) and + / − zoom. Loaded only by the pages that show it.
 */
export default function LeafletPicker({ settings, point, onPick, instructionsId }: Props) {
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const markerRef = useRef<L.Marker | null>(null);
  const pointRef = useRef(point);
  const onPickRef = useRef(onPick);

  useEffect(() => {
    onPickRef.current = onPick;
  }, [onPick]);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const start = pointRef.current;
    const map = L.map(container, { keyboard: false, zoomControl: false }).setView(start ?? settings.center, start ? 17 : settings.zoom);
    L.control.zoom(ZOOM_TITLES).addTo(map);
    map.attributionControl.setPrefix(false);
    tileLayer(settings.tilesUrl, settings.attribution).addTo(map);
    mapRef.current = map;
    map.on('click', (event: L.LeafletMouseEvent) => onPickRef.current({ lat: event.latlng.lat, lng: event.latlng.lng }, 'click'));

    const onKey = (event: KeyboardEvent) => {
      if (event.target !== container) return;
      if (event.key === '+' || event.key === '=') {
        map.zoomIn();
        event.preventDefault();
        return;
      }
      if (event.key === '-') {
        map.zoomOut();
        event.preventDefault();
        return;
      }
      const moves: Record<string, [number, number]> = { ArrowUp: [1, 0], ArrowDown: [-1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
      const move = moves[event.key];
      const placeAtCentre = event.key === 'Enter' || event.key === ' ';
      if (!move && !placeAtCentre) return;
      event.preventDefault();
      const current = pointRef.current;
      if (!current || placeAtCentre) {
        const centre = map.getCenter();
        onPickRef.current({ lat: centre.lat, lng: centre.lng }, 'keyboard');
        return;
      }
      const meters = STEP_METERS * (event.shiftKey ? 5 : 1);
      const dLat = (move?.[0] ?? 0) * (meters / 111_320);
      const dLng = (move?.[1] ?? 0) * (meters / (111_320 * Math.cos((current.lat * Math.PI) / 180)));
      onPickRef.current({ lat: current.lat + dLat, lng: current.lng + dLng }, 'keyboard');
    };
    container.addEventListener('keydown', onKey);
    return () => {
      container.removeEventListener('keydown', onKey);
      map.remove();
      mapRef.current = null;
      markerRef.current = null;
    };
  }, [settings]);

  useEffect(() => {
    pointRef.current = point;
    const map = mapRef.current;
    if (!map) return;
    if (!point) {
      markerRef.current?.remove();
      markerRef.current = null;
      return;
    }
    const latLng = L.latLng(point.lat, point.lng);
    if (!markerRef.current) {
      const marker = L.marker(latLng, { draggable: true, keyboard: false, icon: pinIcon(), autoPan: true });
      marker.on('dragend', () => {
        const at = marker.getLatLng();
        onPickRef.current({ lat: at.lat, lng: at.lng }, 'drag');
      });
      markerRef.current = marker.addTo(map);
    } else {
      markerRef.current.setLatLng(latLng);
    }
    if (!map.getBounds().pad(-0.1).contains(latLng)) map.panTo(latLng);
  }, [point]);

  return (
    <div
      ref={containerRef}
      tabIndex={0}
      role="application"
      aria-roledescription="mapa"
      aria-label="Mapa para marcar o local"
      aria-describedby={instructionsId}
      className="h-80 w-full rounded border border-slate-500 focus:outline focus:outline-4 focus:outline-offset-2 focus:outline-amber-500"
    />
  );
}
