import type { Bounds, LatLng } from '@/lib/domain/geo';

/** A Nominatim-compatible geocoder, called from the browser (the CSP allows its origin). */

export type GeocodedPlace = { label: string; point: LatLng };

type NominatimPlace = { lat?: string; lon?: string; display_name?: string; address?: Record<string, string> };

function shortLabel(place: NominatimPlace): string | undefined {
  const address = place.address;
  if (address) {
    const street = address.road ?? address.pedestrian ?? address.footway ?? address.path;
    const number = address.house_number;
    const area = address.suburb ?? address.neighbourhood ?? address.city_district ?? address.quarter;
    const first = street ? (number ? `${street}, ${number}` : street) : undefined;
    const parts = [first, area].filter(Boolean);
    if (parts.length) return parts.join(' — ');
  }
  return place.display_name;
}

export async function searchAddress(geocoderUrl: string, query: string, bounds: Bounds | undefined, signal?: AbortSignal): Promise<GeocodedPlace[]> {
  const params = new URLSearchParams({ q: query, format: 'jsonv2', addressdetails: '1', limit: '5', countrycodes: 'br', 'accept-language': 'pt-BR' });
  if (bounds) {
    params.set('viewbox', `${bounds.west},${bounds.north},${bounds.east},${bounds.south}`);
    params.set('bounded', '1');
  }
  const response = await fetch(`${geocoderUrl}/search?${params}`, { signal, headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`geocoder ${response.status}`);
  const places = (await response.json()) as NominatimPlace[];
  return places.flatMap((place) => {
    const lat = Number(place.lat);
    const lng = Number(place.lon);
    const label = place.display_name ?? shortLabel(place);
    return Number.isFinite(lat) && Number.isFinite(lng) && label ? [{ label, point: { lat, lng } }] : [];
  });
}

/** The street and number nearest the point, for the pin's read-out; undefined when the geocoder has none. */
export async function addressAt(geocoderUrl: string, point: LatLng, signal?: AbortSignal): Promise<string | undefined> {
  const params = new URLSearchParams({ lat: point.lat.toFixed(6), lon: point.lng.toFixed(6), format: 'jsonv2', addressdetails: '1', zoom: '18', 'accept-language': 'pt-BR' });
  const response = await fetch(`${geocoderUrl}/reverse?${params}`, { signal, headers: { accept: 'application/json' } });
  if (!response.ok) return undefined;
  const place = (await response.json()) as NominatimPlace & { error?: string };
  return place.error ? undefined : shortLabel(place);
}
