/**
 * The dimensions statistics filter and group by, and the grains of demand_stats_rollup: each grain keeps
 * the month and some dimensions. A query reads the first (smallest) grain that keeps every dimension it
 * needs; when none does, it reads demand_facts. Grains are listed from smallest to largest (rows at a
 * million demands over three years: 1 ≈ 260, 9 and 2 ≈ 13 k, 5 ≈ 20 k, 7, 3 and 4 ≈ 37 k, 8 ≈ 58 k, 6 ≈ 144 k;
 * 10 and 11, with priority, grow with the share of demands that are not "normal").
 */

export const DIMENSIONS = ['service', 'kind', 'category', 'department', 'channel', 'bairro', 'priority', 'days'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** The column holding each dimension, the same in demand_facts and demand_stats_rollup. */
export const DIMENSION_COLUMNS: Record<Dimension, string> = {
  service: 'service',
  kind: 'kind',
  category: 'category_id',
  department: 'department_id',
  channel: 'channel',
  bairro: 'neighbourhood_id',
  priority: 'priority',
  days: 'days_to_answer',
};

export type Grain = { id: number; dimensions: readonly Dimension[] };

export const GRAINS: readonly Grain[] = [
  { id: 1, dimensions: ['service', 'kind'] },
  { id: 2, dimensions: ['service', 'kind', 'category', 'department'] },
  // Priority changes after intake (lib/demands/organisation.ts); with the department, so that a secretaria's
  // own view by priority, and its answer times, still read a rollup.
  { id: 10, dimensions: ['service', 'kind', 'department', 'priority'] },
  // Channel and bairro together, for the channel × bairro views that would otherwise read the facts.
  { id: 9, dimensions: ['service', 'kind', 'channel', 'bairro'] },
  { id: 5, dimensions: ['service', 'kind', 'days'] },
  { id: 7, dimensions: ['service', 'channel', 'days'] },
  { id: 3, dimensions: ['service', 'kind', 'category', 'department', 'channel'] },
  { id: 4, dimensions: ['service', 'kind', 'category', 'department', 'bairro'] },
  { id: 8, dimensions: ['service', 'bairro', 'days'] },
  { id: 11, dimensions: ['service', 'department', 'priority', 'days'] },
  { id: 6, dimensions: ['service', 'kind', 'category', 'department', 'days'] },
];

export function grainFor(needed: Iterable<Dimension>): Grain | null {
  const wanted = [...needed];
  return GRAINS.find((grain) => wanted.every((dimension) => grain.dimensions.includes(dimension))) ?? null;
}
