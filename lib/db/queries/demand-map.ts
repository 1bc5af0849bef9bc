import 'server-only';
import { and, between, eq, gte, inArray, isNotNull, lte, sql, type SQL } from 'drizzle-orm';
import { getDb } from '../client';
import { demandMapCells, demands } from '../schema';
import { MAP_CELLS_PER_DEGREE } from '../map-routines';
import { boundsOf, type Bounds } from '@/lib/domain/geo';
import { dateInSaoPaulo } from '@/lib/domain/deadlines';
import { cellArea, cellDegreesFor } from '@/lib/domain/map-area';
import type { PermissionActor } from '@/lib/domain/permissions';
import { queuesFor, type DemandFilters, type Queue } from '@/lib/domain/queues';
import { municipality } from '@/lib/municipality';
import { filterConditions, queueCondition } from './demand-queues';
import { matchesText } from './demand-search';
import { visibleDemandsFor } from './visibility';

/** The grid without a município boundary to size it by: about 330 m by 300 m in Botucatu. */
export const MAP_CELL_DEGREES = 0.003;
/** The most markers one map draws; the busiest cells first (a view holds at most ~16 × 16 cells anyway). */
export const MAP_CELL_LIMIT = 2000;
/**
 * Up to this many located demands in view, each is read (protocol and deadline) and the cells list their
 * protocols; past it the database only counts them per cell, and a marker leads to a closer view.
 */
export const MAP_DEMAND_LIMIT = 300;
/** Protocols a marker lists; the rest are reached through the queue's list. */
const PROTOCOLS_PER_CELL = 5;

export type MapCluster = {
  lat: number;
  lng: number;
  count: number;
  /** The most urgent demands of the cell (deadline order); empty when the view holds too many to read. */
  protocols: string[];
  /** The cell's box: a closer view of it shows its demands. */
  area: Bounds;
};

export type QueueMap = {
  clusters: MapCluster[];
  located: number;
  truncated: boolean;
  /** What was asked for (the município's box by default) and the grid it was grouped on. */
  area: Bounds | null;
  cellDegrees: number;
};

/** The município's box, where the staff map opens (null: no boundary configured, the whole world). */
export function defaultMapArea(): Bounds | null {
  const geography = municipality.geography;
  return (geography && boundsOf([geography.boundary])) ?? null;
}

/**
 * A queue on the map: the same actor, queue and filters as its list (listDemands), only the demands with a
 * point inside `area` (the visible map), grouped by the database into grid cells sized by the area
 * (cellDegreesFor), so the answer is a bounded number of rows whatever the queue: with few demands in view
 * each cell names its protocols; with many, cells carry a count and a centroid, read from the partial
 * index demands_located_idx without touching the table for the widest queues.
 */
export async function mapDemands({
  actor,
  queue,
  filters = {},
  now = new Date(),
  area,
  demandLimit = MAP_DEMAND_LIMIT,
}: {
  actor: PermissionActor | null;
  queue: Queue;
  filters?: DemandFilters;
  now?: Date;
  /** Undefined: the município's box. */
  area?: Bounds | null;
  /** MAP_DEMAND_LIMIT; tests lower it to see both answers. */
  demandLimit?: number;
}): Promise<QueueMap> {
  const view = area === undefined ? defaultMapArea() : area;
  const cellDegrees = view ? cellDegreesFor(view) : MAP_CELL_DEGREES;
  const empty: QueueMap = { clusters: [], located: 0, truncated: false, area: view, cellDegrees };
  if (!actor || !queuesFor(actor.role).includes(queue)) return empty;
  const db = await getDb();
  const where = and(
    await visibleDemandsFor(actor, db),
    await queueCondition(queue, actor, dateInSaoPaulo(now), db),
    ...(await filterConditions(filters, db)),
    ...(filters.text ? [matchesText(filters.text)] : []),
    isNotNull(demands.latitude),
    isNotNull(demands.longitude),
    ...(view ? [between(demands.latitude, view.south, view.north), between(demands.longitude, view.west, view.east)] : []),
  ) as SQL;

  // Counted per cell by the database from the demands themselves (any queue and filter). The cell size
  // is a power of two, written into the statement (a checked number) so that the GROUP BY expressions
  // match the select list's.
  const liveCells = async (): Promise<QueueMap> => {
    if (!(Number.isFinite(cellDegrees) && cellDegrees > 0)) throw new RangeError(`Map cell size must be a positive number of degrees, got ${cellDegrees}`);
    const cell = sql.raw(String(cellDegrees));
    const cellY = sql`floor(${demands.latitude} / ${cell})`;
    const cellX = sql`floor(${demands.longitude} / ${cell})`;
    const rows = await db
      .select({
        lat: sql<number>`avg(${demands.latitude})::float8`,
        lng: sql<number>`avg(${demands.longitude})::float8`,
        count: sql<number>`count(*)::int`,
      })
      .from(demands)
      .where(where)
      .groupBy(cellY, cellX)
      .orderBy(sql`count(*) desc`, cellY, cellX)
      .limit(MAP_CELL_LIMIT + 1);
    const clusters = rows.slice(0, MAP_CELL_LIMIT).map((row) => {
      const lat = Number(row.lat);
      const lng = Number(row.lng);
      return { lat, lng, count: Number(row.count), protocols: [], area: cellArea(lat, lng, cellDegrees) };
    });
    return { ...empty, clusters, located: clusters.reduce((sum, c) => sum + c.count, 0), truncated: rows.length > MAP_CELL_LIMIT };
  };

  // Wide queues (every demand the desk sees, by service and state at most) are counted from
  // demand_map_cells; when the view holds only a few, they are read one by one below as for any queue.
  const counted = view ? rollupCondition(actor, queue, filters) : null;
  if (counted && view) {
    const perCell = Math.max(1, Math.round(cellDegrees * MAP_CELLS_PER_DEGREE));
    const viewY = sql`floor(${demandMapCells.cellY}::float8 / ${sql.raw(String(perCell))})`;
    const viewX = sql`floor(${demandMapCells.cellX}::float8 / ${sql.raw(String(perCell))})`;
    const cells = await db
      .select({
        count: sql<number>`sum(${demandMapCells.demands})::int`,
        latitudeSum: sql<number>`sum(${demandMapCells.latitudeSum})::float8`,
        longitudeSum: sql<number>`sum(${demandMapCells.longitudeSum})::float8`,
      })
      .from(demandMapCells)
      .where(
        and(
          counted,
          gte(demandMapCells.cellY, Math.floor(view.south * MAP_CELLS_PER_DEGREE)),
          lte(demandMapCells.cellY, Math.floor(view.north * MAP_CELLS_PER_DEGREE)),
          gte(demandMapCells.cellX, Math.floor(view.west * MAP_CELLS_PER_DEGREE)),
          lte(demandMapCells.cellX, Math.floor(view.east * MAP_CELLS_PER_DEGREE)),
        ),
      )
      .groupBy(viewY, viewX)
      .having(sql`sum(${demandMapCells.demands}) > 0`)
      .orderBy(sql`sum(${demandMapCells.demands}) desc`, viewY, viewX)
      .limit(MAP_CELL_LIMIT + 1);
    const located = cells.slice(0, MAP_CELL_LIMIT).reduce((sum, cell) => sum + Number(cell.count), 0);
    if (located > demandLimit || cells.length > MAP_CELL_LIMIT) {
      const clusters = cells.slice(0, MAP_CELL_LIMIT).map((cell) => {
        const lat = Number(cell.latitudeSum) / Number(cell.count);
        const lng = Number(cell.longitudeSum) / Number(cell.count);
        return { lat, lng, count: Number(cell.count), protocols: [], area: cellArea(lat, lng, cellDegrees) };
      });
      return { ...empty, clusters, located, truncated: cells.length > MAP_CELL_LIMIT };
    }
  } else {
    // The count first (the located-demand indexes answer it without reading the table): protocols are
    // read only when few.
    const counts = await liveCells();
    if (counts.located > demandLimit || counts.truncated) return counts;
  }

  // Few in view: read them (protocol, deadline) and group them here.
  const points = await db
    .select({ protocol: demands.protocol, dueOn: demands.dueOn, lat: demands.latitude, lng: demands.longitude })
    .from(demands)
    .where(where)
    .limit(demandLimit + 1);
  if (points.length <= demandLimit) {
    const cells = new Map<string, { latSum: number; lngSum: number; rows: { protocol: string; dueOn: string }[] }>();
    for (const point of points) {
      const lat = Number(point.lat);
      const lng = Number(point.lng);
      const key = `${Math.floor(lat / cellDegrees)},${Math.floor(lng / cellDegrees)}`;
      const cell = cells.get(key) ?? { latSum: 0, lngSum: 0, rows: [] };
      cell.latSum += lat;
      cell.lngSum += lng;
      cell.rows.push({ protocol: point.protocol, dueOn: point.dueOn });
      cells.set(key, cell);
    }
    const clusters = [...cells.values()].map((cell) => {
      const lat = cell.latSum / cell.rows.length;
      const lng = cell.lngSum / cell.rows.length;
      const ordered = cell.rows.sort((a, b) => (a.dueOn === b.dueOn ? (a.protocol < b.protocol ? -1 : 1) : a.dueOn < b.dueOn ? -1 : 1));
      return { lat, lng, count: cell.rows.length, protocols: ordered.slice(0, PROTOCOLS_PER_CELL).map((row) => row.protocol), area: cellArea(lat, lng, cellDegrees) };
    });
    clusters.sort((a, b) => b.count - a.count || (a.protocols[0] ?? '').localeCompare(b.protocols[0] ?? ''));
    return { ...empty, clusters, located: points.length };
  }

  return liveCells();
}

/**
 * The condition on demand_map_cells that selects exactly the demands of this queue, when the actor's
 * visibility, the queue and the filters are all about service and state; null otherwise (the live count).
 * Mirrors visibleDemandsFor and queueCondition.
 */
function rollupCondition(actor: PermissionActor, queue: Queue, filters: DemandFilters): SQL | null {
  const { service, states, ...others } = filters;
  if (Object.values(others).some((value) => value !== undefined && value !== '')) return null;
  const parts: SQL[] = [];
  if (actor.role === 'attendant') parts.push(eq(demandMapCells.service, 'balcao'));
  else if (actor.role !== 'ombudsman') return null;
  if (queue === 'triage') {
    parts.push(eq(demandMapCells.service, actor.role === 'attendant' ? 'balcao' : 'ouvidoria'), eq(demandMapCells.state, 'received'));
  } else if (queue === 'awaiting') {
    parts.push(eq(demandMapCells.state, 'awaiting_citizen'));
  } else if (queue !== 'all') {
    return null;
  }
  if (service) parts.push(eq(demandMapCells.service, service));
  if (states?.length) parts.push(inArray(demandMapCells.state, [...states]));
  return parts.length ? (and(...parts) as SQL) : sql`true`;
}
