import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { serviceCharterChanges, type ServiceCharter } from '@/lib/db/schema';
import { matchesCharterSearch, type CharterEntry, type CharterField, type CharterSearch } from '@/lib/domain/service-charter';
import { readCatalogue, readServiceCharters, type Catalogue } from './catalogue-cache';

/**
 * The public Carta de Serviços, read from the catalogue's snapshots (catalogue-cache.ts): an entry of a
 * Balcão service takes the service's name, secretaria and deadline from the service itself, so the Carta
 * never states a deadline other than the one each request gets.
 */

function entryOf(charter: ServiceCharter, catalogue: Catalogue): CharterEntry | undefined {
  const category = charter.categoryId ? catalogue.categories.find((row) => row.id === charter.categoryId) : undefined;
  // A withdrawn Balcão service leaves the Carta with it.
  if (charter.categoryId && !category?.active) return undefined;
  const departmentId = category?.departmentId ?? charter.departmentId;
  const department = catalogue.departments.find((row) => row.id === departmentId);
  const name = category?.name ?? charter.name;
  if (!department || !name) return undefined;
  return {
    id: charter.id,
    slug: charter.slug,
    name,
    departmentId: department.id,
    departmentName: department.name,
    balcaoSlug: category?.slug ?? null,
    deadlineDays: category ? category.deadlineDays : null,
    deadlineText: category ? null : charter.deadlineText,
    summary: charter.summary,
    audience: charter.audience,
    requirements: charter.requirements,
    documents: charter.documents,
    steps: charter.steps,
    channels: charter.channels,
    priorityRules: charter.priorityRules,
    expectedWait: charter.expectedWait,
    fees: charter.fees,
    location: charter.location,
    hours: charter.hours,
    lifeEvents: charter.lifeEvents,
    updatedAt: charter.updatedAt,
  };
}

/** What the public sees: published entries whose Balcão service, if any, is still offered, in name order. */
export async function listCharterEntries(search: CharterSearch = {}): Promise<CharterEntry[]> {
  const [catalogue, charters] = await Promise.all([readCatalogue(), readServiceCharters()]);
  return charters
    .filter((charter) => charter.published)
    .map((charter) => entryOf(charter, catalogue))
    .filter((entry): entry is CharterEntry => entry !== undefined)
    .filter((entry) => matchesCharterSearch(entry, search))
    .sort((a, b) => a.name.localeCompare(b.name, 'pt-BR'));
}

export async function findCharterEntry({ slug }: { slug: string }): Promise<CharterEntry | undefined> {
  return (await listCharterEntries()).find((entry) => entry.slug === slug);
}

/** The Carta summary shown on a Balcão service's form, if the service has a published entry. */
export async function findCharterEntryForBalcaoService({ categoryId }: { categoryId: string }): Promise<CharterEntry | undefined> {
  const charters = await readServiceCharters();
  const charter = charters.find((row) => row.categoryId === categoryId && row.published);
  return charter && entryOf(charter, await readCatalogue());
}

/** The secretarias that answer for at least one published entry, for browsing by secretaria. */
export async function listCharterDepartments(): Promise<{ id: string; name: string; count: number }[]> {
  const counts = new Map<string, { id: string; name: string; count: number }>();
  for (const entry of await listCharterEntries()) {
    const current = counts.get(entry.departmentId) ?? { id: entry.departmentId, name: entry.departmentName, count: 0 };
    counts.set(entry.departmentId, { ...current, count: current.count + 1 });
  }
  return [...counts.values()].sort((a, b) => a.name.localeCompare(b.name, 'pt-BR'));
}

export type CharterChangeView = { changedAt: Date; fields: CharterField[]; note: string };

/** The dated history of one entry, newest first (art. 7 §4). Who saved it stays in the staff pages. */
export async function listCharterChanges({ charterId }: { charterId: string }): Promise<CharterChangeView[]> {
  const db = await getDb();
  return db
    .select({ changedAt: serviceCharterChanges.changedAt, fields: serviceCharterChanges.fields, note: serviceCharterChanges.note })
    .from(serviceCharterChanges)
    .where(eq(serviceCharterChanges.charterId, charterId))
    .orderBy(desc(serviceCharterChanges.changedAt), desc(serviceCharterChanges.id));
}
