import { sql } from 'drizzle-orm';
import { DAMM_TABLE, SEQUENCE_WIDTH } from '@/lib/domain/protocol';
import type { Executor } from './client';

/**
 * `format_protocol(year, sequence)`: the protocol number as lib/domain/protocol.ts formats it, inside the
 * database, so that the intake takes the year's counter and writes the demand, its event and its notices
 * in one statement (lib/demands/intake.ts) and the counter row stays locked for that statement alone.
 * The Damm table is written from the domain's own; tests/integration/protocol-sql.test.ts holds the SQL
 * and the TypeScript equal. Like the statistics routines, these idempotent statements are applied by
 * migrateDatabase() on every start (drizzle-kit does not model functions, and the migrations are
 * regenerated from the schema).
 */
const dammArray = `{${DAMM_TABLE.map((row) => `{${row.join(',')}}`).join(',')}}`;

export const PROTOCOL_ROUTINES: string[] = [
  `create or replace function protocol_check_digit(digits text) returns integer
   language plpgsql immutable strict parallel safe as $$
   declare
     damm constant smallint[] := '${dammArray}';
     interim integer := 0;
   begin
     if digits !~ '^[0-9]+$' then
       raise exception 'Not a digit string: %', digits;
     end if;
     for i in 1 .. length(digits) loop
       interim := damm[interim + 1][ascii(substr(digits, i, 1)) - 47];
     end loop;
     return interim;
   end $$`,
  // lpad() would cut a longer sequence; padStart() does not.
  `create or replace function format_protocol(year integer, sequence integer) returns text
   language sql immutable strict parallel safe as $$
     select $1::text || '-' || padded || '-' || protocol_check_digit($1::text || padded)
     from (select lpad($2::text, greatest(${SEQUENCE_WIDTH}, length($2::text)), '0') as padded) s
   $$`,
];

export async function applyProtocolRoutines(tx: Executor): Promise<void> {
  for (const statement of PROTOCOL_ROUTINES) await tx.execute(sql.raw(statement));
}
