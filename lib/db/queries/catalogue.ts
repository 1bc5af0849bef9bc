import 'server-only';
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { categories, departments, neighbourhoods } from '@/lib/db/schema';
import { ACCENTED_LETTERS, PLAIN_LETTERS, searchTerms } from '@/lib/domain/search';

/** The public catalogue: Balcão services, Ouvidoria subjects, secretarias and bairros, active ones only. */

const serviceColumns = {
  id: categories.id,
  slug: categories.slug,
  name: categories.name,
  description: categories.description,
  deadlineDays: categories.deadlineDays,
  fields: categories.fields,
  departmentId: categories.departmentId,
  departmentName: departments.name,
};

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

function foldedColumn(column: SQL): SQL {
  return sql`translate(lower(${column}), ${ACCENTED_LETTERS}, ${PLAIN_LETTERS})`;
}

/** Every word of the query (letters and digits only, so no LIKE wildcards) must appear in the service's name or description, accents and case aside. */
export async function listBalcaoServices({ query = '' }: { query?: string } = {}): Promise<BalcaoService[]> {
  const db = await getDb();
  const haystack = foldedColumn(sql`${categories.name} || ' ' || ${categories.description}`);
  const wordConditions = searchTerms(query).map((term) => sql`${haystack} like ${`%${term}%`}`);
  return db
    .select(serviceColumns)
    .from(categories)
    .innerJoin(departments, eq(departments.id, categories.departmentId))
    .where(and(eq(categories.service, 'balcao'), eq(categories.active, true), ...wordConditions))
    .orderBy(asc(categories.name));
}

export async function findBalcaoServiceBySlug({ slug }: { slug: string }): Promise<BalcaoService | undefined> {
  const db = await getDb();
  const [service] = await db
    .select(serviceColumns)
    .from(categories)
    .innerJoin(departments, eq(departments.id, categories.departmentId))
    .where(and(eq(categories.service, 'balcao'), eq(categories.slug, slug), eq(categories.active, true)));
  return service;
}

export async function findBalcaoServiceById({ id }: { id: string }): Promise<BalcaoService | undefined> {
  const db = await getDb();
  const [service] = await db
    .select(serviceColumns)
    .from(categories)
    .innerJoin(departments, eq(departments.id, categories.departmentId))
    .where(and(eq(categories.service, 'balcao'), eq(categories.id, id)));
  return service;
}

export type Option = { id: string; name: string };

export async function listOuvidoriaSubjects(): Promise<Option[]> {
  const db = await getDb();
  return db
    .select({ id: categories.id, name: categories.name })
    .from(categories)
    .where(and(eq(categories.service, 'ouvidoria'), eq(categories.active, true)))
    .orderBy(asc(categories.name));
}

export async function listActiveDepartments(): Promise<Option[]> {
  const db = await getDb();
  return db.select({ id: departments.id, name: departments.name }).from(departments).where(eq(departments.active, true)).orderBy(asc(departments.name));
}

export async function listNeighbourhoods(): Promise<(Option & { district: string | null })[]> {
  const db = await getDb();
  return db
    .select({ id: neighbourhoods.id, name: neighbourhoods.name, district: neighbourhoods.district })
    .from(neighbourhoods)
    .orderBy(asc(neighbourhoods.name));
}
