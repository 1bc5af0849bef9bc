import 'server-only';
import { and, isNotNull, sql } from 'drizzle-orm';
import { getDb } from '../client';
import { demands } from '../schema';
import { dateInSaoPaulo } from '@/lib/domain/deadlines';
import type { PermissionActor } from '@/lib/domain/permissions';
import { queuesFor, type DemandFilters, type Queue } from '@/lib/domain/queues';
import { filterConditions, queueCondition } from './demand-queues';
import { matchesText } from './demand-search';
import { visibleDemandsFor } from './visibility';

/** About 330 m by 300 m in Botucatu: a street block or two per marker. */
export const MAP_CELL_DEGREES = 0.003;
/** The most markers one map draws; the busiest cells first. */
export const MAP_CELL_LIMIT = 2000;
/** Protocols a marker lists; the rest are reached through the queue's list. */
const PROTOCOLS_PER_CELL = 5;

export type MapCluster = {
  lat: number;
  lng: number;
  count: number;
  /** The most urgent demands of the cell (deadline order). */
  protocols: string[];
};

export type QueueMap = { clusters: MapCluster[]; located: number; truncated: boolean };

/**
 * A queue on the map: the same actor, queue and filters as its list (listDemands), demands with a point
 * grouped into grid cells by the database, so the page gets a few thousand markers however large the queue.
 */
export async function mapDemands({
  actor,
  queue,
  filters = {},
  now = new Date(),
  cellDegrees = MAP_CELL_DEGREES,
}: {
  actor: PermissionActor | null;
  queue: Queue;
  filters?: DemandFilters;
  now?: Date;
  cellDegrees?: number;
}): Promise<QueueMap> {
  if (!actor || !queuesFor(actor.role).includes(queue)) return { clusters: [], located: 0, truncated: false };
  const db = await getDb();
  const where = and(
    await visibleDemandsFor(actor, db),
    await queueCondition(queue, actor, dateInSaoPaulo(now), db),
    ...(await filterConditions(filters, db)),
    ...(filters.text ? [matchesText(filters.text)] : []),
    isNotNull(demands.latitude),
    isNotNull(demands.longitude),
  );
  if (!(Number.isFinite(cellDegrees) && cellDegrees > 0)) throw new RangeError(`Map cell size must be a positive number of degrees, got ${cellDegrees}`);
  // Written into the statement (a checked number): the GROUP BY expressions must match any use in the select list.
  const cell = sql.raw(String(cellDegrees));
  const cellY = sql`floor(${demands.latitude} / ${cell})`;
  const cellX = sql`floor(${demands.longitude} / ${cell})`;
  const rows = await db
    .select({
      lat: sql<number>`avg(${demands.latitude})::float8`,
      lng: sql<number>`avg(${demands.longitude})::float8`,
      count: sql<number>`count(*)::int`,
      protocols: sql<string[]>`(array_agg(${demands.protocol} order by ${demands.dueOn}, ${demands.protocol}))[1:${sql.raw(String(PROTOCOLS_PER_CELL))}]`,
    })
    .from(demands)
    .where(where)
    .groupBy(cellY, cellX)
    .orderBy(sql`count(*) desc`, sql`min(${demands.protocol})`)
    .limit(MAP_CELL_LIMIT + 1);
  const clusters = rows.slice(0, MAP_CELL_LIMIT).map((row) => ({ lat: Number(row.lat), lng: Number(row.lng), count: Number(row.count), protocols: row.protocols }));
  return { clusters, located: clusters.reduce((sum, cluster) => sum + cluster.count, 0), truncated: rows.length > MAP_CELL_LIMIT };
}
