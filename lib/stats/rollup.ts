import 'server-only';
import { sql } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import { getDb } from '@/lib/db/client';
import { rowsOf } from '@/lib/db/migrate';
import { dateInSaoPaulo } from '@/lib/domain/deadlines';
import { DIMENSION_COLUMNS, GRAINS } from './grains';
import { factRow, factsFrom, MEASURES, summedMeasures } from './source';

/**
 * The monthly rollups are a cache over demand_facts (and demand_tags, for the etiqueta grains). Every
 * change to a fact, or to a demand's etiquetas, marks its month dirty (a trigger); queries read dirty months from the facts, so figures are exact at every instant, and this
 * refresh only makes them fast again. The month in progress is left dirty unless `all` is set: it changes
 * with every intake, and reading one month of facts is cheap.
 *
 * Call it from the worker every few minutes (or `npm run stats:refresh`).
 */
const ROLLUP_LOCK = 727_276;

export async function refreshStatsRollups(options: { all?: boolean; now?: Date; db?: Database } = {}): Promise<{ months: string[] }> {
  const db = options.db ?? (await getDb());
  const currentMonth = `${dateInSaoPaulo(options.now ?? new Date()).slice(0, 7)}-01`;
  return db.transaction(async (tx) => {
    // One refresh at a time; a second caller waits and then finds nothing left to do. Its own key: the
    // deadline scan's lock (727275) is held by the worker that runs this refresh on the same timer.
    await tx.execute(sql`select pg_advisory_xact_lock(${ROLLUP_LOCK})`);
    let months: string[];
    if (options.all) {
      await tx.execute(sql`delete from stats_dirty_months`);
      await tx.execute(sql`delete from demand_stats_rollup`);
      months = rowsOf<{ month: string }>(await tx.execute(sql`select distinct received_month::text as month from demand_facts order by 1`)).map((r) => r.month);
    } else {
      months = rowsOf<{ month: string }>(
        await tx.execute(sql`delete from stats_dirty_months where month <> ${currentMonth}::date returning month::text as month`),
      ).map((r) => r.month);
      if (months.length) await tx.execute(sql`delete from demand_stats_rollup where month = any(${postgresArray(months)}::date[])`);
    }
    if (!months.length) return { months };
    const monthFilter = options.all ? sql`true` : sql`f.received_month = any(${postgresArray(months)}::date[])`;
    for (const grain of GRAINS) {
      const kept = grain.dimensions.map((d) => DIMENSION_COLUMNS[d]);
      const byTag = grain.dimensions.includes('tag');
      const dimensionValues = Object.values(DIMENSION_COLUMNS).map((column) => (kept.includes(column) ? `f.${column}` : 'null'));
      await tx.execute(sql`
        insert into demand_stats_rollup (grain, month, ${sql.raw(Object.values(DIMENSION_COLUMNS).join(', '))}, ${sql.raw(MEASURES.join(', '))})
        select ${grain.id}, f.month, ${sql.raw(dimensionValues.join(', '))}, ${summedMeasures()}
        from (select ${factRow(MEASURES, byTag)} from ${factsFrom(byTag)} where ${monthFilter}) f
        group by f.month${sql.raw(kept.map((c) => `, f.${c}`).join(''))}`);
    }
    return { months };
  });
}

/** An array literal passed as one text parameter (Drizzle would expand a JS array into a list). */
export function postgresArray(values: readonly string[]): string {
  return `{${values.join(',')}}`;
}
