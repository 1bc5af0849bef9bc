/**
 * Where maps get their tiles and addresses: configuration, so that a prefeitura can use its own tile
 * server or a paid geocoder. OpenStreetMap's public services are the default; their usage policies
 * (tile.openstreetmap.org, nominatim.openstreetmap.org) suit a city's light traffic — a busy site should
 * point these at its own or a commercial service. Read by proxy.ts (the page's CSP) too: no imports.
 */

export const DEFAULT_MAP_TILES_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
export const DEFAULT_MAP_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">colaboradores do OpenStreetMap</a>';
export const DEFAULT_GEOCODER_URL = 'https://nominatim.openstreetmap.org';

export type MapConfig = {
  /** XYZ template, as Leaflet takes it: {z}/{x}/{y}, optionally {s} for subdomains. */
  tilesUrl: string;
  /** HTML shown in the map's corner (the tile licence asks for it). */
  attribution: string;
  /** Base address of a Nominatim-compatible service: `/search` and `/reverse` are appended. */
  geocoderUrl: string;
};

export function mapConfig(env: Record<string, string | undefined> = process.env): MapConfig {
  return {
    tilesUrl: env.MAP_TILES_URL?.trim() || DEFAULT_MAP_TILES_URL,
    attribution: env.MAP_ATTRIBUTION?.trim() || DEFAULT_MAP_ATTRIBUTION,
    geocoderUrl: (env.GEOCODER_URL?.trim() || DEFAULT_GEOCODER_URL).replace(/\/+$/, ''),
  };
}

/** The CSP source of an address or XYZ template ("{s}" subdomains become a wildcard); none if unreadable. */
export function cspSourceOf(address: string): string | undefined {
  const match = /^(https?:\/\/)([^/?#]+)/i.exec(address);
  if (!match?.[1] || !match[2]) return undefined;
  const host = match[2].replace(/^\{s\}\./, '*.');
  return /[{}\s;,']/.test(host) ? undefined : `${match[1].toLowerCase()}${host}`;
}

/** The origins a page with a map loads from: tiles as images, the geocoder by fetch. */
export function mapCspSources(env: Record<string, string | undefined> = process.env): { img: string[]; connect: string[] } {
  const config = mapConfig(env);
  const tiles = cspSourceOf(config.tilesUrl);
  const geocoder = cspSourceOf(config.geocoderUrl);
  return { img: tiles ? [tiles] : [], connect: geocoder ? [geocoder] : [] };
}
