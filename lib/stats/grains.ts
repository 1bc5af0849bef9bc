/**
 * The dimensions statistics filter and group by, and the grains of demand_stats_rollup: each grain keeps
 * the month and some dimensions. A query reads the first (smallest) grain that keeps every dimension it
 * needs; when none does, it reads demand_facts. Grains are listed from smallest to largest (rows at a
 * million demands over three years: 1 ≈ 260, 9 and 2 ≈ 13 k, 5 ≈ 20 k, 7, 3 and 4 ≈ 37 k, 8 ≈ 58 k, 6 ≈ 144 k;
 * the priority grains grow with the share of demands that are not "normal", the etiqueta grains with the
 * share tagged).
 */

export const DIMENSIONS = ['service', 'kind', 'category', 'department', 'channel', 'bairro', 'priority', 'tag', 'days'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/**
 * The column holding each dimension, the same in demand_facts and demand_stats_rollup — but for the
 * etiqueta, which the facts take from demand_tags (a demand with two etiquetas is two rows there).
 */
export const DIMENSION_COLUMNS: Record<Dimension, string> = {
  service: 'service',
  kind: 'kind',
  category: 'category_id',
  department: 'department_id',
  channel: 'channel',
  bairro: 'neighbourhood_id',
  priority: 'priority',
  tag: 'tag_id',
  days: 'days_to_answer',
};

export type Grain = { id: number; dimensions: readonly Dimension[] };

export const GRAINS: readonly Grain[] = [
  { id: 1, dimensions: ['service', 'kind'] },
  { id: 2, dimensions: ['service', 'kind', 'category', 'department'] },
  // Channel and bairro together, for the channel × bairro views that would otherwise read the facts.
  { id: 9, dimensions: ['service', 'kind', 'channel', 'bairro'] },
  { id: 5, dimensions: ['service', 'kind', 'days'] },
  { id: 7, dimensions: ['service', 'channel', 'days'] },
  { id: 3, dimensions: ['service', 'kind', 'category', 'department', 'channel'] },
  { id: 4, dimensions: ['service', 'kind', 'category', 'department', 'bairro'] },
  // Priority changes after intake (lib/demands/organisation.ts). With grains 2 and 9's dimensions, so that
  // the priority chart under any one filter, and a secretaria's own view, still read a rollup.
  { id: 12, dimensions: ['service', 'kind', 'channel', 'bairro', 'priority'] },
  { id: 10, dimensions: ['service', 'kind', 'category', 'department', 'priority'] },
  { id: 8, dimensions: ['service', 'bairro', 'days'] },
  { id: 6, dimensions: ['service', 'kind', 'category', 'department', 'days'] },
  // After grain 6 although often smaller: the queries without priority keep reading the grain they always read.
  { id: 11, dimensions: ['service', 'department', 'priority', 'days'] },
  // A demand counts once under each of its etiquetas here: read only by a query grouped by etiqueta. No
  // larger than the tagged demands' facts, however many dimensions they keep.
  { id: 13, dimensions: ['tag', 'service', 'kind', 'category', 'department', 'priority'] },
  { id: 14, dimensions: ['tag', 'service', 'kind', 'department', 'priority', 'days'] },
  // The etiqueta table under a channel or bairro filter (p95 375 ms from the facts at 1M without them).
  { id: 15, dimensions: ['tag', 'service', 'kind', 'department', 'channel', 'bairro', 'priority'] },
  { id: 16, dimensions: ['tag', 'service', 'department', 'channel', 'bairro', 'days'] },
];

export function grainFor(needed: Iterable<Dimension>): Grain | null {
  const wanted = [...needed];
  const byTag = wanted.includes('tag');
  return GRAINS.find((grain) => grain.dimensions.includes('tag') === byTag && wanted.every((dimension) => grain.dimensions.includes(dimension))) ?? null;
}
