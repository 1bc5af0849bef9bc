import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { addDays } from '@/lib/domain/deadlines';
import { filteredDimensions, monthPeriod, type StatsFilter, type StatsScope } from './filters';
import { DIMENSION_COLUMNS, grainFor, type Dimension } from './grains';

/**
 * The rows an indicator aggregates: one per rollup group for the whole months of the period that are
 * clean, and one per demand (from demand_facts) for partial months at the edges, for months whose facts
 * changed since the last refresh, and whenever no grain keeps every needed dimension. Both kinds of row
 * have the same columns, and the period, filter and scope are applied inside each branch, so one
 * statement — one snapshot — gives an exact figure.
 */

export const MEASURES = [
  'received',
  'state_received',
  'state_forwarded',
  'state_in_progress',
  'state_awaiting_citizen',
  'state_answered',
  'state_closed',
  'state_archived',
  'answered',
  'answered_on_time',
  'extended',
  'info_requested',
  'info_requests',
  'reopened',
  'rated',
  'rating_sum',
  'resolved',
  'problems',
] as const;
export type Measure = (typeof MEASURES)[number];

/** Each measure of a single demand, from its fact row. */
const FACT_MEASURES: Record<Measure, string> = {
  received: '1',
  state_received: `(f.state = 'received')::int`,
  state_forwarded: `(f.state = 'forwarded')::int`,
  state_in_progress: `(f.state = 'in_progress')::int`,
  state_awaiting_citizen: `(f.state = 'awaiting_citizen')::int`,
  state_answered: `(f.state = 'answered')::int`,
  state_closed: `(f.state = 'closed')::int`,
  state_archived: `(f.state = 'archived')::int`,
  answered: `(f.answered_on is not null)::int`,
  answered_on_time: `coalesce(f.answered_on <= f.due_on, false)::int`,
  extended: `f.extension_used::int`,
  info_requested: `(f.info_requests > 0)::int`,
  info_requests: `f.info_requests::int`,
  reopened: `(f.reopen_count > 0)::int`,
  rated: `(f.rating is not null)::int`,
  rating_sum: `coalesce(f.rating, 0)::int`,
  resolved: `coalesce(f.resolved, false)::int`,
  // A problem is a demand that is not a duplicate of another: the main demand stands for its linked ones.
  problems: `(not f.is_duplicate)::int`,
};

/**
 * A fact as a rollup-shaped row: the month, every dimension column and the measures of one demand — or,
 * by etiqueta, of one demand and one of its etiquetas (read from factsFrom(true)).
 */
export function factRow(measures: readonly Measure[] = MEASURES, byTag = false): SQL {
  const dimensions = Object.entries(DIMENSION_COLUMNS).map(([dimension, column]) => (dimension !== 'tag' ? `f.${column}` : byTag ? `dt.tag_id` : `null::uuid as ${column}`));
  return sql.raw(['f.received_month as month', ...dimensions, ...measures.map((m) => `${FACT_MEASURES[m]} as ${m}`)].join(', '));
}

/** The facts, or by etiqueta the facts of tagged demands, once per etiqueta. */
export function factsFrom(byTag: boolean): SQL {
  return sql.raw(byTag ? 'demand_facts f join demand_tags dt on dt.demand_id = f.demand_id' : 'demand_facts f');
}

/** Aggregates the measures as a SELECT list (`sum(received)::int as received, …`). */
export function summedMeasures(measures: readonly Measure[] = MEASURES): SQL {
  return sql.raw(measures.map((m) => `coalesce(sum(${m}), 0)::int as ${m}`).join(', '));
}

/** The filter's dimensions and the scope as conditions on a facts (`f`) or rollup (`r`) row. */
export function dimensionConditions(alias: 'r' | 'f', filter: StatsFilter, scope: StatsScope): SQL[] {
  const column = (dimension: Dimension) => sql.raw(`${alias}.${DIMENSION_COLUMNS[dimension]}`);
  const where: SQL[] = [];
  if (filter.service) where.push(sql`${column('service')} = ${filter.service}`);
  if (filter.kind) where.push(sql`${column('kind')} = ${filter.kind}`);
  if (filter.categoryId) where.push(sql`${column('category')} = ${filter.categoryId}`);
  if (filter.departmentId) where.push(sql`${column('department')} = ${filter.departmentId}`);
  if (filter.channel) where.push(sql`${column('channel')} = ${filter.channel}`);
  if (filter.neighbourhoodId) where.push(sql`${column('bairro')} = ${filter.neighbourhoodId}`);
  if (filter.priority) where.push(sql`${column('priority')} = ${filter.priority}`);
  if (scope.departmentIds !== 'all') {
    where.push(sql`${column('department')} = any(${`{${scope.departmentIds.join(',')}}`}::uuid[])`);
  }
  return where;
}

/** The first and last months lying wholly inside the period, or null when there is none. */
export function wholeMonths(filter: Pick<StatsFilter, 'from' | 'to'>): { first: string; last: string } | null {
  let first = `${filter.from.slice(0, 7)}-01`;
  if (first !== filter.from) first = addDays(monthPeriod(first).to, 1);
  let last = `${filter.to.slice(0, 7)}-01`;
  if (monthPeriod(last).to !== filter.to) last = `${addDays(last, -1).slice(0, 7)}-01`;
  return first <= last ? { first, last } : null;
}

export type SourceOptions = { groupBy?: readonly Dimension[]; forceFacts?: boolean; measures?: readonly Measure[] };


/** `(… union all …) as s`, ready for `select … from ${source}`. */
export function statsSource(filter: StatsFilter, scope: StatsScope, options: SourceOptions = {}): SQL {
  const needed = new Set<Dimension>([...filteredDimensions(filter, scope), ...(options.groupBy ?? [])]);
  const grain = options.forceFacts ? null : grainFor(needed);
  const months = grain ? wholeMonths(filter) : null;

  const measures = options.measures ?? MEASURES;
  const byTag = needed.has('tag');
  const factColumns = factRow(measures, byTag);
  const filterConditions = dimensionConditions('f', filter, scope);
  const factsBetween = (from: string, to: string) =>
    sql`select ${factColumns} from ${factsFrom(byTag)} where ${sql.join([sql`f.received_on between ${from}::date and ${to}::date`, ...filterConditions], sql` and `)}`;
  if (!grain || !months) return sql`(${factsBetween(filter.from, filter.to)}) as s`;

  // Facts for the partial months at the edges, and for each dirty month in between (an index range
  // scan per month: a single "between from and to" would read the whole period).
  const factParts: SQL[] = [];
  if (filter.from < months.first) factParts.push(factsBetween(filter.from, addDays(months.first, -1)));
  const afterLast = addDays(monthPeriod(months.last).to, 1);
  if (afterLast <= filter.to) factParts.push(factsBetween(afterLast, filter.to));
  factParts.push(sql`select d.* from stats_dirty_months m cross join lateral (
      select ${factColumns} from ${factsFrom(byTag)}
      where ${sql.join([sql`f.received_on >= m.month`, sql`f.received_on < (m.month + interval '1 month')::date`, ...filterConditions], sql` and `)}
    ) d where m.month between ${months.first}::date and ${months.last}::date`);
  const rollupColumns = sql.raw(['month', ...Object.values(DIMENSION_COLUMNS), ...measures].map((c) => `r.${c}`).join(', '));
  const rollupWhere = [
    sql`r.grain = ${grain.id}`,
    sql`r.month between ${months.first}::date and ${months.last}::date`,
    sql`r.month not in (select month from stats_dirty_months)`,
    ...dimensionConditions('r', filter, scope),
  ];
  return sql`(
    select ${rollupColumns} from demand_stats_rollup r where ${sql.join(rollupWhere, sql` and `)}
    union all
    ${sql.join(factParts, sql` union all `)}
  ) as s`;
}
