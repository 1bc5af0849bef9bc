import { boundsOf, type AreaGeometry, type Bounds, type LatLng } from '@/lib/domain/geo';
import { mapConfig } from '@/lib/map-config';
import { municipality } from '@/lib/municipality';

/** What a page's map needs from the server: the configured services and the município's shapes. */
export type MapSettings = {
  tilesUrl: string;
  attribution: string;
  geocoderUrl: string;
  cityName: string;
  center: LatLng;
  zoom: number;
  /** The município's box: address searches look only there. */
  bounds?: Bounds;
  boundary?: AreaGeometry;
  /** Drawn bairros, by their id in the catalogue. */
  areas: { neighbourhoodId: string; name: string; geometry: AreaGeometry }[];
};

export function mapSettings(neighbourhoods: readonly { id: string; name: string }[] = []): MapSettings {
  const config = mapConfig();
  const geography = municipality.geography;
  return {
    ...config,
    cityName: municipality.name,
    center: geography?.center ?? { lat: -15.78, lng: -47.93 },
    zoom: geography?.zoom ?? 4,
    bounds: geography ? boundsOf([geography.boundary]) : undefined,
    boundary: geography?.boundary,
    areas: (geography?.neighbourhoods ?? []).flatMap((area) => {
      const row = neighbourhoods.find((n) => n.name === area.name);
      return row ? [{ neighbourhoodId: row.id, name: row.name, geometry: area.geometry }] : [];
    }),
  };
}
