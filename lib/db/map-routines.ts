import { sql } from 'drizzle-orm';
import type { Executor } from './client';

/**
 * Triggers that keep demand_map_cells (lib/db/schema.ts) equal to the located demands counted per cell of
 * 1/MAP_CELLS_PER_DEGREE°, service and state, whichever use case changes them. Like the statistics' facts
 * (stats-routines.ts), drizzle-kit does not model triggers, so these idempotent statements are applied by
 * migrateDatabase() after the migrations, on every start; statement-level with transition tables, so a
 * bulk INSERT … SELECT is one grouped upsert. Upserts go in key order, so two writers lock cells in the
 * same order.
 */
export const MAP_CELLS_PER_DEGREE = 1024;

const CELL = (row: string) => `floor(${row}.latitude * ${MAP_CELLS_PER_DEGREE})::int, floor(${row}.longitude * ${MAP_CELLS_PER_DEGREE})::int`;

/** Adds (sign 1) or takes away (sign -1) the located rows of transition table `rows`. */
function upsert(rows: string, sign: 1 | -1): string {
  return `insert into demand_map_cells as c (cell_y, cell_x, service, state, demands, latitude_sum, longitude_sum)
     select ${CELL('r')}, r.service, r.state, ${sign} * count(*)::int, ${sign} * sum(r.latitude), ${sign} * sum(r.longitude)
     from ${rows} r where r.latitude is not null and r.longitude is not null
     group by 1, 2, 3, 4 order by 1, 2, 3, 4
     on conflict (cell_y, cell_x, service, state) do update set demands = c.demands + excluded.demands,
       latitude_sum = c.latitude_sum + excluded.latitude_sum, longitude_sum = c.longitude_sum + excluded.longitude_sum`;
}

export const MAP_ROUTINES: string[] = [
  `create or replace function demand_map_cells_after_insert() returns trigger language plpgsql as $$
   begin
     ${upsert('new_demands', 1)};
     return null;
   end $$`,
  `create or replace function demand_map_cells_after_delete() returns trigger language plpgsql as $$
   begin
     ${upsert('old_demands', -1)};
     return null;
   end $$`,
  // Only rows whose point, service or state changed: most updates (a note, an assignment) touch no cell.
  // EXECUTE: planned for each statement's size. PL/pgSQL would plan the join of the two transition tables
  // once per connection, and a plan made for one demand took 46–51 s on a 10,000-demand update.
  `create or replace function demand_map_cells_after_update() returns trigger language plpgsql as $$
   begin
     execute $planned$
     insert into demand_map_cells as c (cell_y, cell_x, service, state, demands, latitude_sum, longitude_sum)
     select ${CELL('m')}, m.service, m.state, sum(m.sign)::int, sum(m.sign * m.latitude), sum(m.sign * m.longitude)
     from (
       select o.latitude, o.longitude, o.service, o.state, -1 as sign from old_demands o join new_demands n on n.id = o.id
         where (o.latitude, o.longitude, o.service, o.state) is distinct from (n.latitude, n.longitude, n.service, n.state)
       union all
       select n.latitude, n.longitude, n.service, n.state, 1 from old_demands o join new_demands n on n.id = o.id
         where (o.latitude, o.longitude, o.service, o.state) is distinct from (n.latitude, n.longitude, n.service, n.state)
     ) m
     where m.latitude is not null and m.longitude is not null
     group by 1, 2, 3, 4 order by 1, 2, 3, 4
     on conflict (cell_y, cell_x, service, state) do update set demands = c.demands + excluded.demands,
       latitude_sum = c.latitude_sum + excluded.latitude_sum, longitude_sum = c.longitude_sum + excluded.longitude_sum
     $planned$;
     return null;
   end $$`,
  `create or replace function demand_map_cells_after_truncate() returns trigger language plpgsql as $$
   begin
     delete from demand_map_cells;
     return null;
   end $$`,
  `create or replace trigger demand_map_cells_on_insert after insert on demands
   referencing new table as new_demands for each statement execute function demand_map_cells_after_insert()`,
  `create or replace trigger demand_map_cells_on_update after update on demands
   referencing old table as old_demands new table as new_demands for each statement execute function demand_map_cells_after_update()`,
  `create or replace trigger demand_map_cells_on_delete after delete on demands
   referencing old table as old_demands for each statement execute function demand_map_cells_after_delete()`,
  `create or replace trigger demand_map_cells_on_truncate after truncate on demands
   for each statement execute function demand_map_cells_after_truncate()`,
];

export async function applyMapRoutines(tx: Executor): Promise<void> {
  for (const statement of MAP_ROUTINES) await tx.execute(sql.raw(statement));
  // A database that had located demands before the table existed (or was bulk-loaded with triggers off
  // and not rebuilt) is counted once: an empty table with located demands is filled here.
  await tx.execute(
    sql.raw(`insert into demand_map_cells (cell_y, cell_x, service, state, demands, latitude_sum, longitude_sum)
      select ${CELL('d')}, d.service, d.state, count(*)::int, sum(d.latitude), sum(d.longitude)
      from demands d where d.latitude is not null and d.longitude is not null
        and not exists (select 1 from demand_map_cells)
      group by 1, 2, 3, 4`),
  );
}

/** Recounts demand_map_cells from the demands (after a bulk load with triggers off). */
export async function rebuildDemandMapCells(tx: Executor): Promise<void> {
  await tx.execute(sql.raw(`delete from demand_map_cells`));
  await tx.execute(sql.raw(`insert into demand_map_cells (cell_y, cell_x, service, state, demands, latitude_sum, longitude_sum)
    select ${CELL('d')}, d.service, d.state, count(*)::int, sum(d.latitude), sum(d.longitude)
    from demands d where d.latitude is not null and d.longitude is not null group by 1, 2, 3, 4`));
}
