import { insideMunicipality, neighbourhoodAt, type LatLng } from '@/lib/domain/geo';
import { municipality } from '@/lib/municipality';
import type { MunicipalityGeography } from '@/lib/municipality-geography';

export type PlaceOfPoint =
  | { ok: true; /** Set when the point falls in a bairro the município has drawn. */ neighbourhoodId?: string; neighbourhoodName?: string }
  | { ok: false; message: string };

/**
 * What a point says about a demand on any channel (web form, staff, WhatsApp): whether the município
 * takes it, and which of the catalogue's bairros it is in. Bairros are matched by name, as the seed
 * writes them from the same configuration.
 */
export function placeOfPoint(
  point: LatLng,
  neighbourhoods: readonly { id: string; name: string }[],
  geography: MunicipalityGeography | undefined = municipality.geography,
  cityName: string = municipality.name,
): PlaceOfPoint {
  if (!insideMunicipality(point, geography?.boundary)) {
    return { ok: false, message: `Este local fica fora do município de ${cityName}. Marque um ponto dentro do município (ou apague a marcação e informe só o endereço).` };
  }
  const name = neighbourhoodAt(point, geography?.neighbourhoods ?? []);
  const found = name ? neighbourhoods.find((row) => row.name === name) : undefined;
  return found ? { ok: true, neighbourhoodId: found.id, neighbourhoodName: found.name } : { ok: true };
}

/** Ouvidoria subjects whose form asks where it happened (municipality configuration). */
export function subjectTakesLocation(slug: string | undefined): boolean {
  return Boolean(slug && municipality.ouvidoriaSubjects.some((subject) => subject.slug === slug && subject.takesLocation));
}
