import 'server-only';
import { and, asc, gte, inArray, lt, notInArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client';
import { demands } from '../schema';
import { TIME_ZONE } from '@/lib/domain/deadlines';
import type { DemandState } from '@/lib/domain/vocabulary';

const RUNNING: DemandState[] = ['received', 'forwarded', 'in_progress'];
const ACTIVE: DemandState[] = [...RUNNING, 'awaiting_citizen'];

/**
 * The share of its whole term a running demand still has (0 on the due day, 1 on the day it was filed):
 * three days left of a 20-day LAI request are riskier than three days left of a 90-day Balcão service.
 */
function shareOfTermLeft(today: string): SQL {
  const filedOn = sql`(${demands.createdAt} at time zone ${TIME_ZONE})::date`;
  return sql`(${demands.dueOn} - ${today}::date)::numeric / greatest(${demands.dueOn} - ${filedOn}, 1)`;
}

/**
 * "Risco de prazo", in four bands read one after the other, each in an order an index gives or on a set
 * that does not grow with the table:
 * 1. running and overdue, the latest first (the active-due index, from its start);
 * 2. running and not yet due, by the share of the term left — bounded by the demands filed within one
 *    term (at most a few months of intake), not by the million closed ones, so sorting them stays cheap;
 * 3. paused (awaiting the citizen, the deadline suspended), by due date (the state-due index);
 * 4. everything else (answered, closed, archived), by due date (the due-protocol index).
 * Each band reads only the rows the page still needs, so a page ends as soon as it is full.
 */
export function riskBands(today: string): { where: SQL; order: SQL[] }[] {
  return [
    { where: and(inArray(demands.state, RUNNING), lt(demands.dueOn, today)) as SQL, order: [asc(demands.dueOn), asc(demands.protocol)] },
    { where: and(inArray(demands.state, RUNNING), gte(demands.dueOn, today)) as SQL, order: [asc(shareOfTermLeft(today)), asc(demands.dueOn), asc(demands.protocol)] },
    { where: inArray(demands.state, ['awaiting_citizen']), order: [asc(demands.dueOn), asc(demands.protocol)] },
    { where: notInArray(demands.state, ACTIVE), order: [asc(demands.dueOn), asc(demands.protocol)] },
  ];
}

/** The ids of the first `wanted` demands of `where` in deadline-risk order. */
export async function riskOrderedIds({ db, where, today, wanted }: { db: Executor; where: SQL | undefined; today: string; wanted: number }): Promise<string[]> {
  const ids: string[] = [];
  for (const band of riskBands(today)) {
    if (ids.length >= wanted) break;
    const rows = await db
      .select({ id: demands.id })
      .from(demands)
      .where(and(where, band.where))
      .orderBy(...band.order)
      .limit(wanted - ids.length);
    ids.push(...rows.map((row) => row.id));
  }
  return ids;
}
