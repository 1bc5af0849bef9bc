import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import { getReadDb } from '@/lib/db/client';
import { rowsOf } from '@/lib/db/migrate';
import { addDays, DEADLINE_DAYS, dateInSaoPaulo } from '@/lib/domain/deadlines';
import type { DemandState } from '@/lib/domain/vocabulary';
import { daysInPeriod, MAX_WEEKLY_DAYS, OPEN_STATES, RUNNING_STATES, type Granularity, type StatsQuery } from './filters';
import { DIMENSION_COLUMNS, type Dimension } from './grains';
import { dimensionConditions, MEASURES, statsSource, summedMeasures, type Measure } from './source';

/**
 * Every indicator of the dashboard, the transparency panel and the annual report, over the demands
 * received in the filter's period (their current state, answer and rating), narrowed by the filter and
 * by the actor's scope. "Now" indicators (backlog, overdue) look at the demands open today instead.
 */

export type Totals = {
  received: number;
  byState: Record<DemandState, number>;
  open: number;
  answered: number;
  answeredOnTime: number;
  answeredLate: number;
  /** Share of the answered ones answered by their (possibly extended or suspended) deadline, 0–1. */
  onTimeRate: number | null;
  extended: number;
  infoRequested: number;
  infoRequests: number;
  reopened: number;
  /** Reopened among the answered, 0–1. */
  reopenRate: number | null;
  rated: number;
  ratingAverage: number | null;
  resolved: number;
  /** Said "resolved" among those who rated, 0–1. */
  resolvedRate: number | null;
  /** Distinct problems: the demands not linked as a duplicate of another (a main demand stands for its duplicates). */
  problems: number;
};

type MeasureRow = Record<Measure, number>;

function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

export function totalsOf(row: Partial<MeasureRow>): Totals {
  const m = Object.fromEntries(MEASURES.map((measure) => [measure, Number(row[measure] ?? 0)])) as MeasureRow;
  const byState: Record<DemandState, number> = {
    received: m.state_received,
    forwarded: m.state_forwarded,
    in_progress: m.state_in_progress,
    awaiting_citizen: m.state_awaiting_citizen,
    answered: m.state_answered,
    closed: m.state_closed,
    archived: m.state_archived,
  };
  return {
    received: m.received,
    byState,
    open: OPEN_STATES.reduce((sum, state) => sum + byState[state], 0),
    answered: m.answered,
    answeredOnTime: m.answered_on_time,
    answeredLate: m.answered - m.answered_on_time,
    onTimeRate: ratio(m.answered_on_time, m.answered),
    extended: m.extended,
    infoRequested: m.info_requested,
    infoRequests: m.info_requests,
    reopened: m.reopened,
    reopenRate: ratio(m.reopened, m.answered),
    rated: m.rated,
    ratingAverage: ratio(m.rating_sum, m.rated),
    resolved: m.resolved,
    resolvedRate: ratio(m.resolved, m.rated),
    problems: m.problems,
  };
}

/**
 * Runs one statistics statement with parallel query off: these statements read at most some tens of
 * thousands of rollup or fact rows, and on a small shared server (2 cores here) starting and gathering
 * parallel workers cost more than they save — measured with npm run bench:stats, p50 fell 3 to 8 times.
 */
async function select<T>(statement: SQL, db?: Database): Promise<T[]> {
  const executor = db ?? (await getReadDb());
  return executor.transaction(async (tx) => {
    await tx.execute(sql`set local max_parallel_workers_per_gather = 0`);
    return rowsOf<T>(await tx.execute(statement));
  });
}

/** Totals over the whole filter: volume, states, on time vs late, extensions, information requests, reopenings, satisfaction. */
export async function summarize(query: StatsQuery, db?: Database): Promise<Totals> {
  const rows = await select<MeasureRow>(sql`select ${summedMeasures()} from ${statsSource(query.filter, query.scope)}`, db);
  return totalsOf(rows[0] ?? {});
}

export type GroupKey = Exclude<Dimension, 'days'> | 'month';

export type GroupTotals = { key: string | null; totals: Totals };

/** The same totals per value of one dimension (or per month), largest volume first (months in order). */
export async function summarizeBy(query: StatsQuery, groupBy: GroupKey, db?: Database, measures: readonly Measure[] = MEASURES): Promise<GroupTotals[]> {
  const column = groupBy === 'month' ? 'month' : DIMENSION_COLUMNS[groupBy];
  const source = statsSource(query.filter, query.scope, { groupBy: groupBy === 'month' ? [] : [groupBy], measures });
  const order = groupBy === 'month' ? sql.raw('key') : sql.raw('received desc, key');
  const rows = await select<MeasureRow & { key: string | null }>(
    sql`select ${sql.raw(column)}::text as key, ${summedMeasures(measures)} from ${source} group by 1 order by ${order}`,
    db,
  );
  return rows.map((row) => ({ key: row.key, totals: totalsOf(row) }));
}

export type VolumePoint = { period: string; received: number };

/**
 * Demands received per month, or per week (Monday to Sunday) for periods up to MAX_WEEKLY_DAYS: weeks
 * cross months, so they are read from the facts.
 */
export async function volumeOverTime(query: StatsQuery, granularity: Granularity, db?: Database): Promise<VolumePoint[]> {
  const statement =
    granularity === 'week' && daysInPeriod(query.filter) <= MAX_WEEKLY_DAYS
      ? sql`select date_trunc('week', f.received_on)::date::text as period, count(*)::int as received from demand_facts f
            where ${sql.join([sql`f.received_on between ${query.filter.from}::date and ${query.filter.to}::date`, ...dimensionConditions('f', query.filter, query.scope)], sql` and `)}
            group by 1 order by 1`
      : sql`select s.month::text as period, sum(s.received)::int as received from ${statsSource(query.filter, query.scope, { measures: ['received'] })} group by 1 order by 1`;
  return (await select<VolumePoint>(statement, db)).map((r) => ({ period: r.period, received: Number(r.received) }));
}

export type AnswerTimes = { answered: number; medianDays: number | null; p90Days: number | null };

/** The discrete percentile (as SQL's percentile_disc) of a histogram of whole days. */
export function percentileOf(histogram: readonly { days: number; count: number }[], fraction: number): number | null {
  const sorted = [...histogram].filter((h) => h.count > 0).sort((a, b) => a.days - b.days);
  const total = sorted.reduce((sum, h) => sum + h.count, 0);
  if (!total) return null;
  let cumulative = 0;
  for (const bucket of sorted) {
    cumulative += bucket.count;
    if (cumulative / total >= fraction) return bucket.days;
  }
  return sorted.at(-1)?.days ?? null;
}

function answerTimesOf(histogram: { days: number; count: number }[]): AnswerTimes {
  return {
    answered: histogram.reduce((sum, h) => sum + h.count, 0),
    medianDays: percentileOf(histogram, 0.5),
    p90Days: percentileOf(histogram, 0.9),
  };
}

/** Median and 90th percentile of whole days (São Paulo dates) from receipt to the final answer. */
export async function answerTimes(query: StatsQuery, db?: Database): Promise<AnswerTimes> {
  const source = statsSource(query.filter, query.scope, { groupBy: ['days'], measures: ['answered'] });
  const rows = await select<{ days: number; count: number }>(
    sql`select days_to_answer as days, sum(answered)::int as count from ${source} where days_to_answer is not null group by 1`,
    db,
  );
  return answerTimesOf(rows.map((r) => ({ days: Number(r.days), count: Number(r.count) })));
}

/** Answer times per month or per value of a dimension. */
export async function answerTimesBy(query: StatsQuery, groupBy: GroupKey, db?: Database): Promise<Map<string | null, AnswerTimes>> {
  const column = groupBy === 'month' ? 'month' : DIMENSION_COLUMNS[groupBy];
  const source = statsSource(query.filter, query.scope, { groupBy: groupBy === 'month' ? ['days'] : [groupBy, 'days'], measures: ['answered'] });
  const rows = await select<{ key: string | null; days: number; count: number }>(
    sql`select ${sql.raw(column)}::text as key, days_to_answer as days, sum(answered)::int as count from ${source}
        where days_to_answer is not null group by 1, 2`,
    db,
  );
  const histograms = new Map<string | null, { days: number; count: number }[]>();
  for (const row of rows) {
    const list = histograms.get(row.key) ?? [];
    list.push({ days: Number(row.days), count: Number(row.count) });
    histograms.set(row.key, list);
  }
  return new Map([...histograms].map(([key, histogram]) => [key, answerTimesOf(histogram)]));
}

export type RecurringSubject = { categoryId: string | null; neighbourhoodId: string | null; received: number; months: number };

/**
 * Recurring subjects: the service or subject and bairro pairs with the most demands, with the number of
 * distinct months they came up in — a pothole street that returns every month, not one burst.
 */
export async function recurringSubjects(query: StatsQuery, limit = 10, db?: Database): Promise<RecurringSubject[]> {
  const source = statsSource(query.filter, query.scope, { groupBy: ['category', 'bairro'], measures: ['received'] });
  const rows = await select<RecurringSubject>(
    sql`select category_id as "categoryId", neighbourhood_id as "neighbourhoodId", sum(received)::int as received,
          count(distinct month) filter (where received > 0)::int as months
        from ${source} group by 1, 2 order by 3 desc, 4 desc, 1, 2 limit ${limit}`,
    db,
  );
  return rows.map((r) => ({ ...r, received: Number(r.received), months: Number(r.months) }));
}

export type Backlog = { open: number; running: number; overdue: number; dueSoon: number; awaitingCitizen: number };
export type DepartmentBacklog = Backlog & { departmentId: string | null };

/**
 * The demands open now (whatever the period), narrowed by the other filters: read live from the
 * facts' partial index of open demands, a few thousand rows even at a million demands.
 */
export async function backlogByDepartment(query: StatsQuery, now = new Date(), db?: Database): Promise<DepartmentBacklog[]> {
  const { filter, scope } = query;
  const today = dateInSaoPaulo(now);
  const soon = addDays(today, DEADLINE_DAYS.dueSoon);
  const where: SQL[] = [sql`f.state in ('received', 'forwarded', 'in_progress', 'awaiting_citizen')`, ...dimensionConditions('f', filter, scope)];
  const running = sql.raw(`f.state in (${RUNNING_STATES.map((s) => `'${s}'`).join(', ')})`);
  const rows = await select<DepartmentBacklog>(
    sql`
    select f.department_id::text as "departmentId", count(*)::int as open,
      count(*) filter (where ${running})::int as running,
      count(*) filter (where ${running} and f.due_on < ${today}::date)::int as overdue,
      count(*) filter (where ${running} and f.due_on between ${today}::date and ${soon}::date)::int as "dueSoon",
      count(*) filter (where f.state = 'awaiting_citizen')::int as "awaitingCitizen"
    from demand_facts f where ${sql.join(where, sql` and `)}
    group by 1 order by overdue desc, open desc`,
    db,
  );
  return rows.map((r) => ({
    departmentId: r.departmentId,
    open: Number(r.open),
    running: Number(r.running),
    overdue: Number(r.overdue),
    dueSoon: Number(r.dueSoon),
    awaitingCitizen: Number(r.awaitingCitizen),
  }));
}

export function totalBacklog(rows: readonly Backlog[]): Backlog {
  return rows.reduce(
    (sum, row) => ({
      open: sum.open + row.open,
      running: sum.running + row.running,
      overdue: sum.overdue + row.overdue,
      dueSoon: sum.dueSoon + row.dueSoon,
      awaitingCitizen: sum.awaitingCitizen + row.awaitingCitizen,
    }),
    { open: 0, running: 0, overdue: 0, dueSoon: 0, awaitingCitizen: 0 },
  );
}

export type WorstOverdue = { departmentId: string | null; demandId: string; protocol: string; dueOn: string; daysLate: number };

/**
 * Per department, the open demand running against the deadline that is the most days late today (the
 * oldest deadline; the protocol breaks ties), with the other filters applied as for the backlog. Read
 * from the facts' partial index of open demands, like backlogByDepartment.
 */
export async function worstOverdueByDepartment(query: StatsQuery, now = new Date(), db?: Database): Promise<WorstOverdue[]> {
  const today = dateInSaoPaulo(now);
  const running = sql.raw(`f.state in (${RUNNING_STATES.map((s) => `'${s}'`).join(', ')})`);
  const where: SQL[] = [sql`f.state in ('received', 'forwarded', 'in_progress', 'awaiting_citizen')`, running, sql`f.due_on < ${today}::date`, ...dimensionConditions('f', query.filter, query.scope)];
  const rows = await select<{ departmentId: string | null; demandId: string; protocol: string; dueOn: string; daysLate: number }>(
    sql`
    select distinct on (f.department_id) f.department_id::text as "departmentId", f.demand_id::text as "demandId", d.protocol,
      f.due_on::text as "dueOn", (${today}::date - f.due_on)::int as "daysLate"
    from demand_facts f join demands d on d.id = f.demand_id
    where ${sql.join(where, sql` and `)}
    order by f.department_id, f.due_on, d.protocol`,
    db,
  );
  return rows.map((r) => ({ ...r, daysLate: Number(r.daysLate) }));
}

export type MonthlyOnTime = { departmentId: string | null; month: string; answered: number; answeredOnTime: number };

/** Answered and answered on time per department and month of receipt, over the filter's period (rollup grain 2 for whole months). */
export async function onTimeByDepartmentAndMonth(query: StatsQuery, db?: Database): Promise<MonthlyOnTime[]> {
  const source = statsSource(query.filter, query.scope, { groupBy: ['department'], measures: ['answered', 'answered_on_time'] });
  const rows = await select<{ departmentId: string | null; month: string; answered: number; answeredOnTime: number }>(
    sql`select department_id::text as "departmentId", month::text as month, coalesce(sum(answered), 0)::int as answered,
          coalesce(sum(answered_on_time), 0)::int as "answeredOnTime"
        from ${source} group by 1, 2 order by 1, 2`,
    db,
  );
  return rows.map((r) => ({ ...r, answered: Number(r.answered), answeredOnTime: Number(r.answeredOnTime) }));
}
