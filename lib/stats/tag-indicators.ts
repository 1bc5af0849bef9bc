import 'server-only';
import { asc, inArray, isNull, or, type SQL } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import { getReadDb } from '@/lib/db/client';
import { tags } from '@/lib/db/schema';
import type { StatsQuery, StatsScope } from './filters';
import { answerTimesBy, summarizeBy, type AnswerTimes, type Totals } from './indicators';

/**
 * The indicators per etiqueta. A demand carries any number of etiquetas, so these are not a partition of
 * the period: a demand with two counts under both, one with none under none. They come from the etiqueta
 * grains of the rollups (lib/stats/grains.ts), or from the facts of the tagged demands for the months
 * that changed and the filters those grains do not keep, like every other indicator.
 */

export type TagTotals = { tagId: string; name: string; departmentId: string | null; totals: Totals; times: AnswerTimes };

/** Global etiquetas, and a secretaria's only for a viewer who may count that secretaria (lib/stats/access.ts). */
function visibleTo(scope: StatsScope): SQL | undefined {
  if (scope.departmentIds === 'all') return undefined;
  return scope.departmentIds.length ? or(isNull(tags.departmentId), inArray(tags.departmentId, [...scope.departmentIds])) : isNull(tags.departmentId);
}

/** The etiquetas the viewer may see that demands of the period carry, most used first. */
export async function summarizeByTag(query: StatsQuery, db?: Database): Promise<TagTotals[]> {
  const executor = db ?? (await getReadDb());
  const [groups, times, visible] = await Promise.all([
    summarizeBy(query, 'tag', executor),
    answerTimesBy(query, 'tag', executor),
    executor.select({ id: tags.id, name: tags.name, departmentId: tags.departmentId }).from(tags).where(visibleTo(query.scope)).orderBy(asc(tags.name)),
  ]);
  const byId = new Map(visible.map((tag) => [tag.id, tag]));
  const rows: TagTotals[] = groups.flatMap((group) => {
    const tag = group.key === null ? undefined : byId.get(group.key);
    if (!tag) return [];
    return [{ tagId: tag.id, name: tag.name, departmentId: tag.departmentId, totals: group.totals, times: times.get(tag.id) ?? { answered: 0, medianDays: null, p90Days: null } }];
  });
  return rows.sort((a, b) => b.totals.received - a.totals.received || a.name.localeCompare(b.name, 'pt-BR'));
}
