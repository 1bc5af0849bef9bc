import 'server-only';
import { asc, eq, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import { getDb, type Executor } from '@/lib/db/client';
import { categories, departments, neighbourhoods, serviceCharters, type Category, type ServiceCharter } from '@/lib/db/schema';
import { componentLog, errorKind } from '@/lib/log';

/**
 * The catalogue (services and subjects, secretarias, bairros) as one snapshot kept in the process: every
 * public form and every filing reads it, and it changes only when an admin edits it. An edit here forgets
 * the snapshot at once and tells the other web instances on the same PostgreSQL (NOTIFY), which forget
 * theirs when it arrives; `CATALOGUE_CACHE_SECONDS` (default 60, 0 for no cache) bounds the age of a
 * snapshot whatever happens to the notifications.
 */

export type CatalogueCategory = Category & { departmentName: string };
export type CatalogueDepartment = { id: string; name: string; active: boolean };
export type CatalogueNeighbourhood = { id: string; name: string; district: string | null };
/** Every row, active or not, each list in name order as the database sorts it. */
export type Catalogue = { categories: CatalogueCategory[]; departments: CatalogueDepartment[]; neighbourhoods: CatalogueNeighbourhood[] };

const CHANNEL = 'ouvidoria_catalogue_changed';
const DEFAULT_MAX_AGE_SECONDS = 60;

type Entry<T = Catalogue> = { generation: number; loadedAt: number; catalogue: Promise<T> };
type CacheState = {
  generation: number;
  entries: WeakMap<Executor, Entry>;
  /** The Carta de Serviços, apart: only its pages read it, and intake need not load it. */
  charters?: WeakMap<Executor, Entry<ServiceCharter[]>>;
  listener?: postgres.Sql;
};

// On globalThis: Next may load this module more than once in a process (route bundles, dev reloads), and
// an edit made through one copy must reach the snapshot read through another.
const state: CacheState = ((globalThis as { __ouvidoriaCatalogue?: CacheState }).__ouvidoriaCatalogue ??= {
  generation: 0,
  entries: new WeakMap(),
});

function maxAgeMs(): number {
  const seconds = Number(process.env.CATALOGUE_CACHE_SECONDS ?? DEFAULT_MAX_AGE_SECONDS);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
}

/**
 * The catalogue of `db` (the process's database by default). Inside a transaction it is read afresh:
 * the transaction may see rows the snapshot does not.
 */
export async function readCatalogue(db?: Executor): Promise<Catalogue> {
  return readSnapshot(db, state.entries, loadCatalogue);
}

/** Every entry of the Carta de Serviços, published or not, in slug order; renewed like the catalogue. */
export async function readServiceCharters(db?: Executor): Promise<ServiceCharter[]> {
  state.charters ??= new WeakMap();
  return readSnapshot(db, state.charters, (executor) => executor.select().from(serviceCharters).orderBy(asc(serviceCharters.slug)));
}

async function readSnapshot<T>(db: Executor | undefined, entries: WeakMap<Executor, Entry<T>>, load: (db: Executor) => Promise<T>): Promise<T> {
  const executor = db ?? (await getDb());
  const maxAge = maxAgeMs();
  if (executor instanceof PgTransaction || maxAge === 0) return load(executor);
  listenForEditsElsewhere();
  const now = Date.now();
  const entry = entries.get(executor);
  if (entry && entry.generation === state.generation && now - entry.loadedAt < maxAge) return entry.catalogue;
  // A load that an edit overtakes keeps its old generation, so the next read loads again.
  const fresh: Entry<T> = { generation: state.generation, loadedAt: now, catalogue: load(executor) };
  entries.set(executor, fresh);
  fresh.catalogue.catch(() => {
    if (entries.get(executor) === fresh) entries.delete(executor);
  });
  return fresh.catalogue;
}

/** Every change to categories, departments, bairros or the Carta de Serviços calls this once it is written. */
export async function catalogueChanged(db?: Executor): Promise<void> {
  forgetCatalogue();
  const executor = db ?? (await getDb());
  await executor.execute(sql`select pg_notify(${CHANNEL}, '')`);
}

function forgetCatalogue(): void {
  state.generation++;
}

async function loadCatalogue(db: Executor): Promise<Catalogue> {
  const [categoryRows, departmentRows, neighbourhoodRows] = await Promise.all([
    db
      .select({ category: categories, departmentName: departments.name })
      .from(categories)
      .innerJoin(departments, eq(departments.id, categories.departmentId))
      .orderBy(asc(categories.name)),
    db.select({ id: departments.id, name: departments.name, active: departments.active }).from(departments).orderBy(asc(departments.name)),
    db.select({ id: neighbourhoods.id, name: neighbourhoods.name, district: neighbourhoods.district }).from(neighbourhoods).orderBy(asc(neighbourhoods.name)),
  ]);
  return {
    categories: categoryRows.map(({ category, departmentName }) => ({ ...category, departmentName })),
    departments: departmentRows,
    neighbourhoods: neighbourhoodRows,
  };
}

/**
 * In a Next.js server on PostgreSQL, one connection listens for the edits of the other instances. On
 * every (re)connection the snapshot is forgotten too: notifications sent while it was down are lost.
 * Scripts and tests are one process (an edit there forgets the snapshot directly), and so is PGlite.
 */
function listenForEditsElsewhere(): void {
  const url = process.env.DATABASE_URL;
  if (state.listener || !url || process.env.NEXT_RUNTIME !== 'nodejs') return;
  const listener = postgres(url, { max: 1, onnotice: () => {} });
  state.listener = listener;
  listener.listen(CHANNEL, forgetCatalogue, forgetCatalogue).catch((error: unknown) => {
    if (state.listener === listener) state.listener = undefined;
    componentLog('catalogue').error(errorKind(error), 'could not listen for catalogue edits; snapshots expire after CATALOGUE_CACHE_SECONDS');
    void listener.end();
  });
}

/** Closes the listening connection (a server shutting down, a test done with its database). */
export async function stopListeningForCatalogueEdits(): Promise<void> {
  const listener = state.listener;
  state.listener = undefined;
  await listener?.end();
}
