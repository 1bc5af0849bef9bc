import { sql } from 'drizzle-orm';
import type { Executor } from './client';

/**
 * Every change to a demand writes an event (the timeline is the history), so one statement trigger on
 * demand_events tells the open workspace pages that something moved (lib/live/demand-changes.ts). The
 * notification carries nothing: each page then asks its own authorized pulse what changed for it. NOTIFY
 * is delivered at commit, never for a rolled-back change, and PostgreSQL folds the repeats of one
 * transaction into one (a bulk action over 25 demands is one notification).
 */
export const DEMAND_CHANGES_CHANNEL = 'ouvidoria_demand_changed';

export const LIVE_ROUTINES: string[] = [
  `create or replace function demand_events_notify() returns trigger language plpgsql as $$
   begin
     perform pg_notify('${DEMAND_CHANGES_CHANNEL}', '');
     return null;
   end $$`,
  `create or replace trigger demand_events_notify after insert on demand_events
   for each statement execute function demand_events_notify()`,
];

export async function applyLiveRoutines(tx: Executor): Promise<void> {
  for (const statement of LIVE_ROUTINES) await tx.execute(sql.raw(statement));
}
