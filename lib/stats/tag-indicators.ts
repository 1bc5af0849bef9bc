import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import type { StatsQuery, StatsScope } from './filters';
import { select, totalsOf, type AnswerTimes, type Totals } from './indicators';
import { dimensionConditions, factRow, MEASURES, summedMeasures, type Measure } from './source';

/**
 * The indicators per etiqueta. A demand carries any number of etiquetas, so these are not a partition of
 * the period (a demand with two counts under both, one with none under none) and no rollup keeps them:
 * they are read from the facts of the tagged demands (demand_tags joined to demand_facts), exact at every
 * instant. The planner hashes demand_tags and scans the period's facts once, as for a filter no grain keeps.
 */

export type TagTotals = { tagId: string; name: string; departmentId: string | null; totals: Totals; times: AnswerTimes };

/** Global etiquetas, and a secretaria's only for a viewer who may count that secretaria (lib/stats/access.ts). */
function visibleTags(scope: StatsScope): SQL {
  if (scope.departmentIds === 'all') return sql`true`;
  return sql`(t.department_id is null or t.department_id = any(${`{${scope.departmentIds.join(',')}}`}::uuid[]))`;
}

export async function summarizeByTag(query: StatsQuery, db?: Database): Promise<TagTotals[]> {
  const { filter, scope } = query;
  const where = [sql`f.received_on between ${filter.from}::date and ${filter.to}::date`, ...dimensionConditions('f', filter, scope)];
  const rows = await select<Record<Measure, number> & { tagId: string; name: string; departmentId: string | null; median: number | null; p90: number | null }>(
    sql`
    select t.id::text as "tagId", t.name, t.department_id::text as "departmentId", ${summedMeasures()},
      percentile_disc(0.5) within group (order by f.days_to_answer) as median,
      percentile_disc(0.9) within group (order by f.days_to_answer) as p90
    from (
      select dt.tag_id, ${factRow()} from demand_tags dt join demand_facts f on f.demand_id = dt.demand_id
      where ${sql.join(where, sql` and `)}
    ) f
    join tags t on t.id = f.tag_id
    where ${visibleTags(scope)}
    group by t.id, t.name, t.department_id
    order by received desc, lower(t.name)`,
    db,
  );
  return rows.map((row) => {
    const totals = totalsOf(Object.fromEntries(MEASURES.map((m) => [m, Number(row[m])])));
    return {
      tagId: row.tagId,
      name: row.name,
      departmentId: row.departmentId,
      totals,
      times: { answered: totals.answered, medianDays: row.median === null ? null : Number(row.median), p90Days: row.p90 === null ? null : Number(row.p90) },
    };
  });
}
