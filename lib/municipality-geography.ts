import type { AreaGeometry, LatLng, NamedArea, Position } from '@/lib/domain/geo';

/**
 * Where the município is: its boundary, its bairros' boundaries (GeoJSON geometries, [longitude,
 * latitude]) and where maps open. Another prefeitura replaces this file with its own GeoJSON (IBGE
 * publishes the municipal boundary; bairros come from the city's own cadastre). A bairro not drawn here
 * is still chosen from the list on the form.
 *
 * Botucatu's shapes are demo data: a rough outline of the município and rectangles around the real
 * places of a few bairros and districts — enough to derive the bairro of a point in the demo, not a survey.
 */
export type MunicipalityGeography = {
  /** Where maps open, and how close (XYZ zoom). */
  center: LatLng;
  zoom: number;
  boundary: AreaGeometry;
  neighbourhoods: NamedArea[];
};

/** A rectangle from west to east and south to north, closed as GeoJSON wants. */
function box(west: number, south: number, east: number, north: number): AreaGeometry {
  const ring: Position[] = [
    [west, south],
    [east, south],
    [east, north],
    [west, north],
    [west, south],
  ];
  return { type: 'Polygon', coordinates: [ring] };
}

export const botucatuGeography: MunicipalityGeography = {
  center: { lat: -22.8858, lng: -48.445 },
  zoom: 14,
  boundary: {
    type: 'Polygon',
    coordinates: [
      [
        [-48.6, -22.66],
        [-48.38, -22.62],
        [-48.22, -22.72],
        [-48.2, -22.88],
        [-48.3, -23.02],
        [-48.5, -23.06],
        [-48.64, -22.95],
        [-48.66, -22.78],
        [-48.6, -22.66],
      ],
    ],
  },
  neighbourhoods: [
    { name: 'Centro', geometry: box(-48.452, -22.892, -48.438, -22.878) },
    { name: 'Vila dos Lavradores', geometry: box(-48.452, -22.878, -48.436, -22.866) },
    { name: 'Lavapés', geometry: box(-48.438, -22.9, -48.424, -22.884) },
    { name: 'Jardim Paraíso', geometry: box(-48.466, -22.9, -48.452, -22.886) },
    { name: 'Cohab I', geometry: box(-48.436, -22.87, -48.42, -22.858) },
    { name: 'Rubião Júnior', geometry: box(-48.512, -22.9, -48.488, -22.878) },
    { name: 'Vitoriana', geometry: box(-48.415, -22.785, -48.395, -22.765) },
  ],
};
