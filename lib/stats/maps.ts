import 'server-only';
import { and, eq, gte, inArray, isNotNull, lt, sql, type SQL } from 'drizzle-orm';
import { getReadDb } from '@/lib/db/client';
import { demands } from '@/lib/db/schema';
import { addDays, TIME_ZONE } from '@/lib/domain/deadlines';
import { boundsOf, svgPathOf, type AreaGeometry, type Bounds } from '@/lib/domain/geo';
import { municipality } from '@/lib/municipality';
import type { StatsDimensions } from './dimensions';
import type { StatsQuery } from './filters';
import { summarizeBy } from './indicators';

/** The statistics' two maps, drawn on the server as SVG: demands per bairro, and where a service is asked for. */

const WIDTH = 640;
/** Five classes, light to dark; the darkest keeps white text readable and the lightest a visible edge. */
export const CHOROPLETH_COLORS = ['#eff6ff', '#bfdbfe', '#60a5fa', '#2563eb', '#1e3a8a'] as const;
/** About 440 m by 410 m in Botucatu. */
const HEAT_CELL_DEGREES = 0.004;

export type ChoroplethArea = { name: string; path: string; received: number; color: string };
export type HeatCell = { x: number; y: number; size: number; opacity: number; received: number };
export type StatsMaps = {
  width: number;
  height: number;
  areas: ChoroplethArea[];
  /** Upper bound of each colour class, in order. */
  legend: { color: string; upTo: number }[];
  /** Demands counted in bairros the município has not drawn. */
  undrawn: number;
  heat: { cells: HeatCell[]; located: number; outside: number; serviceName: string | null };
};

/** Equal-interval classes from 1 to the largest count; 0 keeps the lightest colour. */
export function colorFor(received: number, max: number): string {
  if (received <= 0 || max <= 0) return CHOROPLETH_COLORS[0];
  const index = Math.min(CHOROPLETH_COLORS.length - 1, 1 + Math.floor(((received - 1) / max) * (CHOROPLETH_COLORS.length - 1)));
  return CHOROPLETH_COLORS[index] ?? CHOROPLETH_COLORS[0];
}

function frameOf(areas: readonly AreaGeometry[]): { bounds: Bounds; height: number } | null {
  const raw = boundsOf(areas);
  if (!raw) return null;
  const padLat = (raw.north - raw.south) * 0.08;
  const padLng = (raw.east - raw.west) * 0.08;
  const bounds = { south: raw.south - padLat, north: raw.north + padLat, west: raw.west - padLng, east: raw.east + padLng };
  // Degrees of longitude are shorter here than degrees of latitude: keep the shapes' proportions.
  const middle = ((bounds.north + bounds.south) / 2) * (Math.PI / 180);
  const aspect = (bounds.north - bounds.south) / ((bounds.east - bounds.west) * Math.cos(middle));
  return { bounds, height: Math.round(WIDTH * aspect) };
}

/** Where the filter's Balcão requests (one service, when the filter names one) were marked, on a grid. */
async function heatCells(query: StatsQuery): Promise<{ lat: number; lng: number; received: number }[]> {
  const db = await getReadDb();
  const { filter, scope } = query;
  const conditions: SQL[] = [
    eq(demands.service, 'balcao'),
    isNotNull(demands.latitude),
    isNotNull(demands.longitude),
    gte(demands.createdAt, sql`(${filter.from}::date)::timestamp at time zone ${TIME_ZONE}`),
    lt(demands.createdAt, sql`(${addDays(filter.to, 1)}::date)::timestamp at time zone ${TIME_ZONE}`),
  ];
  if (filter.categoryId) conditions.push(eq(demands.categoryId, filter.categoryId));
  if (filter.departmentId) conditions.push(eq(demands.departmentId, filter.departmentId));
  if (filter.channel) conditions.push(eq(demands.channel, filter.channel));
  if (filter.neighbourhoodId) conditions.push(eq(demands.neighbourhoodId, filter.neighbourhoodId));
  if (filter.priority) conditions.push(eq(demands.priority, filter.priority));
  if (scope.departmentIds !== 'all') conditions.push(scope.departmentIds.length ? inArray(demands.departmentId, [...scope.departmentIds]) : sql`false`);
  // The cell size is written into the statement, not bound: PostgreSQL matches the select list to the
  // GROUP BY by expression, and two parameters are two expressions.
  const cell = sql.raw(String(HEAT_CELL_DEGREES));
  const cellY = sql`floor(${demands.latitude} / ${cell})`;
  const cellX = sql`floor(${demands.longitude} / ${cell})`;
  const rows = await db
    .select({ y: sql<number>`${cellY}::float8`, x: sql<number>`${cellX}::float8`, received: sql<number>`count(*)::int` })
    .from(demands)
    .where(and(...conditions))
    .groupBy(cellY, cellX);
  return rows.map((row) => ({ lat: (Number(row.y) + 0.5) * HEAT_CELL_DEGREES, lng: (Number(row.x) + 0.5) * HEAT_CELL_DEGREES, received: Number(row.received) }));
}

export async function buildStatsMaps(query: StatsQuery, dimensions: StatsDimensions): Promise<StatsMaps | null> {
  const geography = municipality.geography;
  if (!geography?.neighbourhoods.length) return null;
  const frame = frameOf(geography.neighbourhoods.map((area) => area.geometry));
  if (!frame) return null;
  const { bounds, height } = frame;
  const [byBairro, cells] = await Promise.all([summarizeBy(query, 'bairro', undefined, ['received']), query.filter.service === 'ouvidoria' ? Promise.resolve([]) : heatCells(query)]);
  const names = new Map(dimensions.neighbourhoods.map((n) => [n.id, n.name]));
  const receivedByName = new Map<string, number>();
  let total = 0;
  for (const row of byBairro) {
    const name = row.key ? names.get(row.key) : undefined;
    total += row.key ? row.totals.received : 0;
    if (name) receivedByName.set(name, row.totals.received);
  }
  const drawnCounts = geography.neighbourhoods.map((area) => receivedByName.get(area.name) ?? 0);
  const max = Math.max(0, ...drawnCounts);
  const areas = geography.neighbourhoods.map((area, index) => {
    const received = drawnCounts[index] ?? 0;
    return { name: area.name, path: svgPathOf(area.geometry, bounds, WIDTH, height), received, color: colorFor(received, max) };
  });
  const legend = CHOROPLETH_COLORS.slice(1).map((color, index, list) => ({ color, upTo: Math.max(1, Math.ceil(((index + 1) / list.length) * max)) }));

  const xOf = (lng: number) => ((lng - bounds.west) / (bounds.east - bounds.west)) * WIDTH;
  const yOf = (lat: number) => ((bounds.north - lat) / (bounds.north - bounds.south)) * height;
  const size = (HEAT_CELL_DEGREES / (bounds.east - bounds.west)) * WIDTH;
  const inside = cells.filter((cell) => cell.lat >= bounds.south && cell.lat <= bounds.north && cell.lng >= bounds.west && cell.lng <= bounds.east);
  const heatMax = Math.max(1, ...inside.map((cell) => cell.received));
  const category = query.filter.categoryId ? dimensions.categories.find((c) => c.id === query.filter.categoryId) : undefined;
  return {
    width: WIDTH,
    height,
    areas,
    legend: max > 0 ? legend : [],
    undrawn: total - drawnCounts.reduce((sum, n) => sum + n, 0),
    heat: {
      cells: inside.map((cell) => ({ x: xOf(cell.lng) - size / 2, y: yOf(cell.lat) - size / 2, size, opacity: 0.25 + 0.75 * (cell.received / heatMax), received: cell.received })),
      located: cells.reduce((sum, cell) => sum + cell.received, 0),
      outside: cells.filter((cell) => !inside.includes(cell)).reduce((sum, cell) => sum + cell.received, 0),
      serviceName: category?.service === 'balcao' ? category.name : null,
    },
  };
}
