import 'server-only';
import { categories } from '@/lib/db/schema';
import { foldForSearch, searchTerms } from '@/lib/domain/search';
import { subjectTakesLocation } from '@/lib/geo/place';
import { readCatalogue, type CatalogueCategory } from './catalogue-cache';

/**
 * The public catalogue: Balcão services, Ouvidoria subjects, secretarias and bairros, active ones only,
 * read from the process's snapshot (catalogue-cache.ts), which every admin edit renews.
 */

export type BalcaoService = {
  id: string;
  slug: string;
  name: string;
  description: string;
  deadlineDays: number;
  fields: (typeof categories.$inferSelect)['fields'];
  departmentId: string;
  departmentName: string;
};

function serviceOf(category: CatalogueCategory): BalcaoService {
  const { id, slug, name, description, deadlineDays, fields, departmentId, departmentName } = category;
  return { id, slug, name, description, deadlineDays, fields, departmentId, departmentName };
}

/** Every word of the query must appear in the service's name or description, accents and case aside. */
export async function listBalcaoServices({ query = '' }: { query?: string } = {}): Promise<BalcaoService[]> {
  const terms = searchTerms(query);
  const { categories: rows } = await readCatalogue();
  return rows
    .filter((category) => category.service === 'balcao' && category.active)
    .filter((category) => {
      const haystack = foldForSearch(`${category.name} ${category.description}`);
      return terms.every((term) => haystack.includes(term));
    })
    .map(serviceOf);
}

export async function findBalcaoServiceBySlug({ slug }: { slug: string }): Promise<BalcaoService | undefined> {
  const { categories: rows } = await readCatalogue();
  const category = rows.find((row) => row.service === 'balcao' && row.slug === slug && row.active);
  return category && serviceOf(category);
}

/** Active or not: a filed demand's receipt names its service even if it was withdrawn since. */
export async function findBalcaoServiceById({ id }: { id: string }): Promise<BalcaoService | undefined> {
  const { categories: rows } = await readCatalogue();
  const category = rows.find((row) => row.service === 'balcao' && row.id === id);
  return category && serviceOf(category);
}

export type Option = { id: string; name: string };

export async function listOuvidoriaSubjects(): Promise<Option[]> {
  const { categories: rows } = await readCatalogue();
  return rows.filter((row) => row.service === 'ouvidoria' && row.active).map(({ id, name }) => ({ id, name }));
}

/** The Ouvidoria subjects whose form asks where it happened (municipality configuration). */
export async function listOuvidoriaSubjectIdsTakingLocation(): Promise<string[]> {
  const { categories: rows } = await readCatalogue();
  return rows.filter((row) => row.service === 'ouvidoria' && row.active && subjectTakesLocation(row.slug)).map((row) => row.id);
}

export async function listActiveDepartments(): Promise<Option[]> {
  const { departments } = await readCatalogue();
  return departments.filter((department) => department.active).map(({ id, name }) => ({ id, name }));
}

export async function listNeighbourhoods(): Promise<(Option & { district: string | null })[]> {
  const { neighbourhoods } = await readCatalogue();
  return neighbourhoods.map(({ id, name, district }) => ({ id, name, district }));
}
