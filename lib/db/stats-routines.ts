import { sql } from 'drizzle-orm';
import type { Executor } from './client';

/**
 * Triggers that keep demand_facts (lib/db/schema.ts) equal to the demands, their information requests and
 * their satisfaction ratings, whichever use case changes them, and that list every month whose facts
 * changed in stats_dirty_months. drizzle-kit does not model triggers, and the init migration is
 * regenerated from the schema, so these idempotent statements are applied by migrateDatabase() after
 * the migrations, on every start (a few milliseconds).
 *
 * Statement-level triggers with transition tables (all but the one on information requests, see there):
 * one set-based statement per INSERT or UPDATE, so a bulk load of a million demands costs one INSERT …
 * SELECT, not a million trigger calls. The large seed turns them off anyway and calls rebuildDemandFacts().
 */

/** The fact columns of a demand row `d`, in demand_facts' column order after demand_id. */
const FACT_VALUES = `
  (d.created_at at time zone 'America/Sao_Paulo')::date,
  date_trunc('month', d.created_at at time zone 'America/Sao_Paulo')::date,
  d.service, d.kind, d.channel, d.state, d.category_id, d.department_id, d.neighbourhood_id, d.due_on,
  (d.answered_at at time zone 'America/Sao_Paulo')::date,
  (d.answered_at at time zone 'America/Sao_Paulo')::date - (d.created_at at time zone 'America/Sao_Paulo')::date,
  d.extension_used, d.reopen_count, d.duplicate_of_id is not null, d.priority`;

const FACT_COLUMNS = `received_on, received_month, service, kind, channel, state, category_id, department_id,
  neighbourhood_id, due_on, answered_on, days_to_answer, extension_used, reopen_count, is_duplicate, priority`;

/**
 * A statement that joins a transition table to a large table, run with EXECUTE so that it is planned for
 * each call. PL/pgSQL otherwise plans it once per connection, for the size the transition table had then,
 * and keeps that plan whatever size comes next: measured on the facts' own update (now a loop, below), one
 * update of 10,000 demands on a connection left every later one-demand update there at 28 ms instead of
 * under 1 ms, until the connection closed.
 */
const planned = (statement: string) => `execute $planned$ ${statement} $planned$`;

export const STATS_ROUTINES: string[] = [
  `create or replace function demand_facts_after_demand_insert() returns trigger language plpgsql as $$
   begin
     insert into demand_facts (demand_id, ${FACT_COLUMNS})
     select d.id, ${FACT_VALUES} from new_demands d;
     return null;
   end $$`,
  // One indexed UPDATE per changed demand, whatever the statement's size: a set-based join to the transition
  // table is planned once per connection for the size it had then (see `planned`), and no single plan suits
  // both one demand and ten thousand.
  `create or replace function demand_facts_after_demand_update() returns trigger language plpgsql as $$
   declare
     d demands%rowtype;
   begin
     for d in select * from new_demands loop
       update demand_facts f set (${FACT_COLUMNS}) = row(${FACT_VALUES})
       where f.demand_id = d.id
         and row(${FACT_COLUMNS.replace(/(\w+)/g, 'f.$1')}) is distinct from row(${FACT_VALUES});
     end loop;
     return null;
   end $$`,
  `create or replace function demand_facts_after_info_request() returns trigger language plpgsql as $$
   begin
     update demand_facts set info_requests = info_requests + 1 where demand_id = new.demand_id;
     return null;
   end $$`,
  `create or replace function demand_facts_after_rating_change() returns trigger language plpgsql as $$
   begin
     if tg_op = 'DELETE' then
       ${planned('update demand_facts f set rating = null, resolved = null from old_ratings r where f.demand_id = r.demand_id')};
     else
       ${planned(`update demand_facts f set rating = r.rating, resolved = r.resolved from new_ratings r
         where f.demand_id = r.demand_id and (f.rating, f.resolved) is distinct from (r.rating, r.resolved)`)};
     end if;
     return null;
   end $$`,
  // The upsert locks the month's marker row even when its WHERE leaves the row as it is (no new row
  // version for every intake of a month already marked): refreshStatsRollups() deletes markers first, so
  // it either waits for a writer still holding one, or the writer marks the month again after it commits.
  `create or replace function stats_mark_dirty_months() returns trigger language plpgsql as $$
   begin
     if tg_op in ('UPDATE', 'DELETE') then
       insert into stats_dirty_months as m (month)
       select distinct received_month from old_facts order by 1
       on conflict (month) do update set marked_at = now() where m.marked_at < now() - interval '1 minute';
     end if;
     if tg_op in ('INSERT', 'UPDATE') then
       insert into stats_dirty_months as m (month)
       select distinct received_month from new_facts order by 1
       on conflict (month) do update set marked_at = now() where m.marked_at < now() - interval '1 minute';
     end if;
     return null;
   end $$`,
  // Etiquetas are not a fact column (a demand carries any number), but the etiqueta grains count them: a
  // demand's etiqueta put on or taken off marks the month it was received, as a fact change does.
  `create or replace function stats_mark_tagged_months() returns trigger language plpgsql as $$
   begin
     if tg_op in ('UPDATE', 'DELETE') then
       ${planned(`insert into stats_dirty_months as m (month)
         select distinct f.received_month from old_tags t join demand_facts f on f.demand_id = t.demand_id order by 1
         on conflict (month) do update set marked_at = now() where m.marked_at < now() - interval '1 minute'`)};
     end if;
     if tg_op in ('INSERT', 'UPDATE') then
       ${planned(`insert into stats_dirty_months as m (month)
         select distinct f.received_month from new_tags t join demand_facts f on f.demand_id = t.demand_id order by 1
         on conflict (month) do update set marked_at = now() where m.marked_at < now() - interval '1 minute'`)};
     end if;
     return null;
   end $$`,
  `create or replace trigger stats_dirty_on_tag_insert after insert on demand_tags
   referencing new table as new_tags for each statement execute function stats_mark_tagged_months()`,
  `create or replace trigger stats_dirty_on_tag_update after update on demand_tags
   referencing old table as old_tags new table as new_tags for each statement execute function stats_mark_tagged_months()`,
  `create or replace trigger stats_dirty_on_tag_delete after delete on demand_tags
   referencing old table as old_tags for each statement execute function stats_mark_tagged_months()`,
  `create or replace trigger demand_facts_on_demand_insert after insert on demands
   referencing new table as new_demands for each statement execute function demand_facts_after_demand_insert()`,
  `create or replace trigger demand_facts_on_demand_update after update on demands
   referencing new table as new_demands for each statement execute function demand_facts_after_demand_update()`,
  // Row-level with a WHEN, unlike the others: every movement writes events and few are information
  // requests, so a statement trigger would run an UPDATE for each of them (a tenth of a millisecond a
  // movement, in every use case); this one is not even called for the rest.
  `create or replace trigger demand_facts_on_event_insert after insert on demand_events
   for each row when (new.type = 'info_requested') execute function demand_facts_after_info_request()`,
  `create or replace trigger demand_facts_on_rating_insert after insert on satisfaction_ratings
   referencing new table as new_ratings for each statement execute function demand_facts_after_rating_change()`,
  `create or replace trigger demand_facts_on_rating_update after update on satisfaction_ratings
   referencing new table as new_ratings for each statement execute function demand_facts_after_rating_change()`,
  `create or replace trigger demand_facts_on_rating_delete after delete on satisfaction_ratings
   referencing old table as old_ratings for each statement execute function demand_facts_after_rating_change()`,
  `create or replace trigger stats_dirty_on_fact_insert after insert on demand_facts
   referencing new table as new_facts for each statement execute function stats_mark_dirty_months()`,
  `create or replace trigger stats_dirty_on_fact_update after update on demand_facts
   referencing old table as old_facts new table as new_facts for each statement execute function stats_mark_dirty_months()`,
  `create or replace trigger stats_dirty_on_fact_delete after delete on demand_facts
   referencing old table as old_facts for each statement execute function stats_mark_dirty_months()`,
  // The statement-level function the event trigger used before it became row-level.
  `drop function if exists demand_facts_after_event_insert()`,
];

export async function applyStatsRoutines(tx: Executor): Promise<void> {
  for (const statement of STATS_ROUTINES) await tx.execute(sql.raw(statement));
}

/** Rebuilds demand_facts from the demands, their events and ratings (after a bulk load with triggers off). */
export async function rebuildDemandFacts(tx: Executor): Promise<void> {
  await tx.execute(sql.raw(`delete from demand_facts`));
  await tx.execute(
    sql.raw(`insert into demand_facts (demand_id, ${FACT_COLUMNS}, info_requests, rating, resolved)
    select d.id, ${FACT_VALUES}, coalesce(e.requests, 0), r.rating, r.resolved
    from demands d
    left join (select demand_id, count(*)::smallint as requests from demand_events where type = 'info_requested' group by demand_id) e on e.demand_id = d.id
    left join satisfaction_ratings r on r.demand_id = d.id`),
  );
}
