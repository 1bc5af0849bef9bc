import 'server-only';
import { and, asc, count, desc, inArray, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Executor } from '../client';
import { demands } from '../schema';
import { PAGE_SIZE, type Sort } from '@/lib/domain/queues';

/** The orders an index gives in one read; the deadline-risk order is read in bands (demand-risk.ts). */
export type IndexedSort = Exclude<Sort, 'risk'>;

/*
 * A page of a free-text search can be found two ways, and the planner cannot tell which is cheaper: it
 * guesses how often a rare word occurs, and it takes to_tsvector, computed on every row that is not read
 * through the full-text index, for cheap when it costs about 17 µs a row (at 1,000,000 demands).
 * - Walking the queue in its order, matching each demand, until the page is full: a few ms for a common
 *   word, the whole queue (seconds) for a word that is rare, or common elsewhere but not in this queue.
 * - Reading every match through the full-text index and sorting them: about 5 µs a match, whatever the
 *   page: a few ms for a rare word, most of a second for one in a tenth of the demands.
 * So a search walks a bounded stretch of the queue first, and reads and sorts the matches when the walk
 * does not fill the page, or at once when the words are too rare for a walk to fill it.
 */

export type SearchPlan = {
  /** With fewer matches than this in all demands, they are read and sorted without a walk. */
  walkFromMatches: number;
  /** How many demands of the queue, in its order, a walk reads at most. */
  walkLength: number;
};

/**
 * Below 1,000 matches, reading them all costs a few ms, and a walk would most likely not fill the page.
 * A walk of 80 demands per row the page needs fills it when one demand in 80 matches, and gives up after
 * about 35 ms on the first page. It stops at 5,000 demands (about 85 ms): further pages of a word need it
 * to be that much denser, or are read and sorted, which costs less than a long walk that fails.
 */
export function searchPlanFor(page: number): SearchPlan {
  return { walkFromMatches: 1000, walkLength: Math.min(80 * rowsForPage(page), 5000) };
}

/** The rows a page reads: those before it, its own, and one to tell whether there is a next page. */
function rowsForPage(page: number): number {
  return page * PAGE_SIZE + 1;
}

function searchDocument(subject: AnyColumn, description: AnyColumn): SQL {
  return sql`to_tsvector('portuguese', ${subject} || ' ' || ${description})`;
}

/** The expression the full-text index is built on (schema.ts); a query must repeat it exactly to use it. */
const demandSearchDocument = searchDocument(demands.subject, demands.description);

export function matchesText(text: string, document: SQL = demandSearchDocument): SQL {
  return sql`${document} @@ plainto_tsquery('portuguese', ${text})`;
}

type OrderColumns = { id: AnyColumn | SQL; protocol: AnyColumn | SQL; dueOn: AnyColumn | SQL; createdAt: AnyColumn | SQL };

/** A queue's order; each is total (it ends on a unique column), so that pages neither overlap nor skip. */
export function queueOrder(sort: IndexedSort, columns: OrderColumns): SQL[] {
  switch (sort) {
    case 'newest':
      return [desc(columns.createdAt), desc(columns.id)];
    case 'oldest':
      return [asc(columns.createdAt), asc(columns.id)];
    case 'deadline':
      return [asc(columns.dueOn), asc(columns.protocol)];
  }
}

/**
 * The same order, which no index gives (`+ 0` changes no value): the planner then reads the matches
 * through the full-text index and sorts them, instead of walking the date index.
 */
const SORTED_AFTER_READING: OrderColumns = {
  id: demands.id,
  protocol: demands.protocol,
  dueOn: sql`${demands.dueOn} + 0`,
  createdAt: sql`${demands.createdAt} + interval '0 seconds'`,
};

/** How listDemands reads a page of the queue `where`, narrowed to the demands that match `text`. */
export async function narrowToText({
  db,
  where,
  text,
  sort,
  page,
  plan,
}: {
  db: Executor;
  where: SQL | undefined;
  text: string;
  sort: IndexedSort;
  page: number;
  plan: SearchPlan;
}): Promise<{ where: SQL | undefined; order: SQL[]; offset: number }> {
  const offset = (page - 1) * PAGE_SIZE;
  if (await matchesAtLeast(db, text, plan.walkFromMatches)) {
    const found = await walkForMatches({ db, where, text, sort, walkLength: plan.walkLength, wanted: rowsForPage(page) });
    // All the rows the page needs lie in the stretch walked, so they are the first matches of the queue.
    if (found.length === rowsForPage(page)) {
      return { where: and(where, inArray(demands.id, found.slice(offset))), order: queueOrder(sort, demands), offset: 0 };
    }
  }
  return { where: and(where, matchesText(text)), order: queueOrder(sort, SORTED_AFTER_READING), offset };
}

/** Whether at least `atLeast` demands, of any queue, match the words; the count stops there. */
async function matchesAtLeast(db: Executor, text: string, atLeast: number): Promise<boolean> {
  if (atLeast <= 0) return true;
  const firstMatches = db.select({ id: demands.id }).from(demands).where(matchesText(text)).limit(atLeast).as('first_matches');
  const [row] = await db.select({ found: count() }).from(firstMatches);
  return (row?.found ?? 0) >= atLeast;
}

/** The ids of the first `wanted` matches among the first `walkLength` demands of the queue, in its order. */
async function walkForMatches({
  db,
  where,
  text,
  sort,
  walkLength,
  wanted,
}: {
  db: Executor;
  where: SQL | undefined;
  text: string;
  sort: IndexedSort;
  walkLength: number;
  wanted: number;
}): Promise<string[]> {
  // The limit keeps the stretch from being merged into the outer query, so words are matched only on it.
  const stretch = db
    .select({
      id: demands.id,
      protocol: demands.protocol,
      dueOn: demands.dueOn,
      createdAt: demands.createdAt,
      subject: demands.subject,
      description: demands.description,
    })
    .from(demands)
    .where(where)
    .orderBy(...queueOrder(sort, demands))
    .limit(walkLength)
    .as('stretch');
  const rows = await db
    .select({ id: stretch.id })
    .from(stretch)
    .where(matchesText(text, searchDocument(stretch.subject, stretch.description)))
    .orderBy(...queueOrder(sort, stretch))
    .limit(wanted);
  return rows.map((row) => row.id);
}
